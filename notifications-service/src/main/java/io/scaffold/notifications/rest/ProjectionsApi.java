package io.scaffold.notifications.rest;

import io.scaffold.platform.projection.ProjectionsResource;
import jakarta.ws.rs.Path;

/** notifications-service's projections of other services' state, for operators: list, rebuild from nothing. */
@Path("/api/notifications/ops/projections")
public class ProjectionsApi extends ProjectionsResource {
}
