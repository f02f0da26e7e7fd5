package io.scaffold.notifications.domain;

import java.time.Instant;
import java.util.UUID;

/** One event for one endpoint: its state and its last attempt. */
public record WebhookDelivery(UUID id, UUID endpointId, String eventId, String eventType, String payload,
        Status status, int attempts, Instant windowStart, Instant nextAttemptAt, Instant lastAttemptAt,
        Integer lastStatusCode, Integer lastLatencyMs, String lastError, Instant createdAt, Instant deliveredAt) {

    public enum Status {
        /** Waiting for its first or next attempt (or in flight). */
        PENDING,
        /** The receiver answered 2xx. */
        DELIVERED,
        /** Still failing when its retry window ended; a replay sends it again. */
        FAILED
    }
}
