package io.scaffold.notifications.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How long the replaced secret keeps signing, so receivers can switch without missing an event. */
@Schema(name = "WebhookSecretRotation")
public record RotationBody(
        @Schema(nullable = true, description = "Seconds the old secret still signs (default 24 hours; 0 ends it now)")
        @Min(0) @Max(604_800) Integer overlapSeconds) {
}
