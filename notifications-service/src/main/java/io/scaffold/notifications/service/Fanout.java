package io.scaffold.notifications.service;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import com.fasterxml.jackson.databind.JsonNode;
import io.scaffold.notifications.config.EmailConfig;
import io.scaffold.notifications.domain.Draft;
import io.scaffold.notifications.domain.NotificationRules;
import io.scaffold.notifications.repository.MembershipDirectory;
import io.scaffold.notifications.repository.NotificationRepository;
import io.scaffold.notifications.repository.PersonDirectory;
import io.scaffold.platform.consumer.IncomingEvent;
import io.scaffold.platform.people.KnownPeople;
import io.scaffold.platform.consumer.PoisonEventException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Turns one event into its notifications (the rule table, then each recipient's preferences: kinds turned off in the
 * app and muted communities, except for critical kinds) and keeps the membership projection the rules read; a person
 * event records the person, and mails their recent items if it brings the address they lacked. Runs
 * inside the idempotent consumer's transaction, so a redelivered event writes nothing twice.
 */
@ApplicationScoped
public class Fanout {
    private final NotificationRepository notifications;
    private final MembershipDirectory memberships;
    private final MembershipProjection projection;
    private final AnonymousRequesters requesters;
    private final PersonDirectory people;
    private final EmailConfig email;
    private final MeterRegistry meters;

    public Fanout(NotificationRepository notifications, MembershipDirectory memberships,
            MembershipProjection projection, AnonymousRequesters requesters, PersonDirectory people,
            EmailConfig email, MeterRegistry meters) {
        this.email = email;
        this.notifications = notifications;
        this.people = people;
        this.memberships = memberships;
        this.projection = projection;
        this.requesters = requesters;
        this.meters = meters;
    }

    public void apply(IncomingEvent event) {
        JsonNode data = requesters.reveal(event.data());
        try {
            if (KnownPeople.PERSON_UPDATED.equals(event.type())) {
                boolean bringsAddress = data.path("email").isTextual() && data.path("userId").isTextual();
                if (bringsAddress) {
                    notifications.lockAddressOf(data.path("userId").asText());
                }
                people.record(data);
                if (bringsAddress) {
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    notifications.mailItemsAwaitingAddress(List.of(data.path("userId").asText()),
                            now.minus(email.addressWait()), now);
                }
                return;
            }
            projection.project(event.type(), data);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            for (Draft draft : NotificationRules.plan(event.type(), data, memberships,
                    people.namesForOneEvent())) {
                Timer.Sample sample = Timer.start(meters);
                int written = notifications.fanOut(draft, event.id(), now);
                notifications.mailNamedRecipientsWhoseAddressArrived(draft.recipients(),
                        now.minus(email.addressWait()), now);
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

}
