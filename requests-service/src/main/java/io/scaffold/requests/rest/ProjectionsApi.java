package io.scaffold.requests.rest;

import io.scaffold.platform.projection.ProjectionsResource;
import jakarta.ws.rs.Path;

/** requests-service's projections of other services' state, for operators: list, rebuild from nothing. */
@Path("/api/requests/ops/projections")
public class ProjectionsApi extends ProjectionsResource {
}
