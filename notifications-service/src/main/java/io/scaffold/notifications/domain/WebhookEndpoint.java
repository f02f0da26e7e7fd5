package io.scaffold.notifications.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A receiver of the suite's events over HTTP, registered by an integration admin. {@code secret} and
 * {@code previousSecret} are sealed; the previous one still signs until {@code previousSecretUntil}.
 */
public record WebhookEndpoint(UUID id, String url, String description, List<String> eventTypes, boolean enabled,
        String disabledReason, String createdBy, String secret, String previousSecret, Instant previousSecretUntil,
        Instant createdAt, Instant updatedAt, long version) {

    /** Whether an event of this type goes to this endpoint: an exact type, or a prefix ending in '*'. */
    public boolean wants(String eventType) {
        return eventTypes.stream().anyMatch(t -> t.endsWith("*") ? eventType.startsWith(t.substring(0, t.length() - 1))
                : t.equals(eventType));
    }
}
