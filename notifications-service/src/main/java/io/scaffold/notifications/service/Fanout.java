package io.scaffold.notifications.service;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

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

    private final AnonymousRequesters requesters;
    private final MeterRegistry meters;

    public Fanout(NotificationRepository notifications, MembershipDirectory memberships,
            AnonymousRequesters requesters, MeterRegistry meters) {
        this.notifications = notifications;
        this.memberships = memberships;
        this.requesters = requesters;
        this.meters = meters;
    }

    public void apply(IncomingEvent event) {
        JsonNode data = requesters.reveal(event.data());
        try {
            project(event.type(), data);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            for (Draft draft : NotificationRules.plan(event.type(), data, memberships)) {
                Timer.Sample sample = Timer.start(meters);
                int written = notifications.fanOut(draft, event.id(), now);
                sample.stop(Timer.builder("scaffold.notifications.fanout").tag("kind", draft.kind().name())
                        .description("Time to write one event's notifications for its whole audience")
                        .publishPercentileHistogram().register(meters));
                DistributionSummary.builder("scaffold.notifications.fanout.recipients").tag("kind", draft.kind().name())
                        .description("Notifications written (or collapsed) by one fan-out")
                        .publishPercentileHistogram().register(meters).record(written);
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
