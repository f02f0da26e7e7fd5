package io.scaffold.notifications.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A registered endpoint (never its secret, which is shown once). */
@Schema(name = "WebhookEndpoint")
public record WebhookEndpointView(UUID id, String url, List<String> eventTypes, String description, boolean enabled,
        @Schema(nullable = true, description = "Why it was turned off (by someone, or after its deliveries kept"
                + " failing)") String disabledReason,
        @Schema(description = "Who registered it; told when it is turned off for failures") String createdBy,
        Instant createdAt, Instant updatedAt,
        @Schema(nullable = true, description = "Until when the secret replaced by the last rotation still signs")
        Instant previousSecretValidUntil) {
}
