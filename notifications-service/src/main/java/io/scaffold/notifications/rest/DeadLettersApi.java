package io.scaffold.notifications.rest;

import io.scaffold.platform.deadletter.DeadLettersResource;
import jakarta.ws.rs.Path;

/** notifications-service's dead letters, for operators: list, inspect, replay (the platform's API under this prefix). */
@Path("/api/notifications/ops/dead-letters")
public class DeadLettersApi extends DeadLettersResource {
}
