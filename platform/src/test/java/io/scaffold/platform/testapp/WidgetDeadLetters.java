package io.scaffold.platform.testapp;

import io.scaffold.platform.deadletter.DeadLettersResource;
import jakarta.ws.rs.Path;

/** The test app's dead-letter API, under its prefix as every service has it. */
@Path("/api/widgets/ops/dead-letters")
public class WidgetDeadLetters extends DeadLettersResource {
}
