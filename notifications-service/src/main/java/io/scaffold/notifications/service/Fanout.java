package io.scaffold.notifications.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.scaffold.notifications.domain.Draft;
import io.scaffold.notifications.domain.NotificationRules;
import io.scaffold.notifications.repository.MembershipDirectory;
import io.scaffold.notifications.repository.NotificationRepository;
import io.scaffold.platform.consumer.IncomingEvent;
import io.scaffold.platform.consumer.PoisonEventException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Turns one event into its notifications (the rule table, then each recipient's preferences: kinds turned off in the
 * app and muted communities, except for critical kinds) and keeps the membership projection the rules read. Runs
 * inside the idempotent consumer's transaction, so a redelivered event writes nothing twice.
 */
@ApplicationScoped
public class Fanout {
    private final NotificationRepository notifications;
    private final MembershipDirectory memberships;

    public Fanout(NotificationRepository notifications, MembershipDirectory memberships) {
        this.notifications = notifications;
        this.memberships = memberships;
    }

    public void apply(IncomingEvent event) {
        JsonNode data = event.data();
        try {
            project(event.type(), data);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            for (Draft draft : NotificationRules.plan(event.type(), data, memberships)) {
                notifications.fanOut(draft, event.id(), now);
            }
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException(event.type() + ": " + e.getMessage());
        }
    }

    /** Keeps who manages which community, from the membership events. */
    private void project(String type, JsonNode data) {
        switch (type) {
            case "scaffold.community.created.v1", "scaffold.community.updated.v1" ->
                    memberships.upsertCommunity(uuid(data), data.path("communityName").asText(),
                            data.path("visibility").asText());
            case "scaffold.membership.joined.v1", "scaffold.membership.approved.v1",
                    "scaffold.membership.role-changed.v1" ->
                    memberships.upsertMember(uuid(data), text(data, "userId"), text(data, "role"));
            case "scaffold.membership.left.v1", "scaffold.membership.removed.v1" ->
                    memberships.removeMember(uuid(data), text(data, "userId"));
            default -> {
                // other events change no membership
            }
        }
    }

    private static UUID uuid(JsonNode data) {
        return UUID.fromString(text(data, "communityId"));
    }

    private static String text(JsonNode data, String field) {
        String value = data.path(field).asText(null);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("event data has no " + field);
        }
        return value;
    }
}
