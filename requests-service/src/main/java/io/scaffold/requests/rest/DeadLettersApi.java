package io.scaffold.requests.rest;

import io.scaffold.platform.deadletter.DeadLettersResource;
import jakarta.ws.rs.Path;

/** requests-service's dead letters, for operators: list, inspect, replay (the platform's API under this prefix). */
@Path("/api/requests/ops/dead-letters")
public class DeadLettersApi extends DeadLettersResource {
}
