package io.scaffold.notifications.rest.dto;

import io.scaffold.notifications.domain.WebhookDelivery;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** One event's delivery to an endpoint and its last attempt. */
@Schema(name = "WebhookDelivery")
public record WebhookDeliveryView(UUID id, @Schema(description = "The CloudEvent id, also sent as webhook-id")
        String eventId, String eventType, WebhookDelivery.Status status, int attempts,
        @Schema(nullable = true, description = "When it is tried next (PENDING only)") Instant nextAttemptAt,
        @Schema(nullable = true) Instant lastAttemptAt,
        @Schema(nullable = true, description = "The receiver's HTTP status") Integer lastStatusCode,
        @Schema(nullable = true, description = "Milliseconds from sending to the response") Integer lastLatencyMs,
        @Schema(nullable = true, description = "Why the last attempt failed (a timeout, a refused address, the start"
                + " of the response body)") String lastError,
        Instant createdAt, @Schema(nullable = true) Instant deliveredAt) {

    public static WebhookDeliveryView of(WebhookDelivery d) {
        return new WebhookDeliveryView(d.id(), d.eventId(), d.eventType(), d.status(), d.attempts(),
                d.status() == WebhookDelivery.Status.PENDING ? d.nextAttemptAt() : null, d.lastAttemptAt(),
                d.lastStatusCode(), d.lastLatencyMs(), d.lastError(), d.createdAt(), d.deliveredAt());
    }
}
