package io.scaffold.communities.rest;

import io.scaffold.platform.deadletter.DeadLettersResource;
import jakarta.ws.rs.Path;

/** communities-service's dead letters, for operators: list, inspect, replay (the platform's API under this prefix). */
@Path("/api/communities/ops/dead-letters")
public class DeadLettersApi extends DeadLettersResource {
}
