package io.scaffold.notifications.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.scaffold.notifications.config.EmailConfig;
import io.scaffold.notifications.domain.EmailDelivery;
import io.scaffold.notifications.domain.NotificationKind;
import io.scaffold.notifications.domain.QuietHours;
import io.scaffold.notifications.repository.EmailMessageRepository;
import io.scaffold.notifications.repository.EmailMessageRepository.Claimed;
import io.scaffold.notifications.repository.EmailMessageRepository.Item;
import io.scaffold.notifications.repository.PersonDirectory;
import io.scaffold.notifications.repository.PreferenceRepository;
import io.scaffold.platform.outbox.Backoff;
import io.scaffold.platform.people.PersonClaims;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

/**
 * Sends queued mail over SMTP. One thread per replica takes due messages (leased in the database, so replicas never
 * send one twice and a dead one's messages are taken again), renders an immediate one when it first goes out (it may
 * have been read, turned off or held for quiet hours meanwhile), sends the batch in parallel over the mailer's
 * connection pool, and records each outcome: sent, or retried with backoff until {@code retry-for} runs out.
 */
@ApplicationScoped
public class EmailSender {
    private static final Logger LOG = Logger.getLogger(EmailSender.class);

    private final EmailMessageRepository messages;
    private final PreferenceRepository preferences;
    private final PersonDirectory people;
    private final EmailRenderer renderer;
    private final UnsubscribeLinks unsubscribe;
    private final ReactiveMailer mailer;
    private final EmailConfig config;
    private final MeterRegistry meters;
    private final Backoff backoff;
    private final Object wake = new Object();
    private volatile boolean running;
    private Thread thread;

    public EmailSender(EmailMessageRepository messages, PreferenceRepository preferences, PersonDirectory people,
            EmailRenderer renderer, UnsubscribeLinks unsubscribe, ReactiveMailer mailer, EmailConfig config,
            MeterRegistry meters) {
        this.messages = messages;
        this.preferences = preferences;
        this.people = people;
        this.renderer = renderer;
        this.unsubscribe = unsubscribe;
        this.mailer = mailer;
        this.config = config;
        this.meters = meters;
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
    }

    void start(@Observes StartupEvent startup) {
        requireSendTimeoutWithinLease(config.sendTimeout(), config.lease());
        for (String kind : List.of("IMMEDIATE", "DIGEST")) { // served from the start: alerts read them
            for (String outcome : List.of("sent", "retried", "failed", "skipped")) {
                outcomes(kind, outcome);
            }
            delay(kind);
        }
        if (!config.senderEnabled()) {
            LOG.info("e-mail sender disabled on this instance");
            return;
        }
        running = true;
        thread = new Thread(this::run, "scaffold-email-sender");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * A batch's sends all start together, so it ends within the send timeout; were that as long as the lease, another
     * replica could take a message while this one is still sending it, and mail it twice.
     */
    static void requireSendTimeoutWithinLease(Duration sendTimeout, Duration lease) {
        if (sendTimeout.compareTo(lease) >= 0) {
            throw new IllegalStateException("scaffold.notifications.email.send-timeout (" + sendTimeout
                    + ") must be shorter than scaffold.notifications.email.lease (" + lease + ")");
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        if (thread != null) {
            wake();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Looks for mail now rather than at the next poll (tests, and a digest run that queued some). */
    public void wake() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    private void run() {
        while (running) {
            boolean more = false;
            try {
                more = sendDue();
            } catch (RuntimeException e) {
                LOG.warnf("e-mail pass failed (%s); next try in %d ms", e.getMessage(),
                        config.pollInterval().toMillis());
            }
            if (!more) {
                synchronized (wake) {
                    try {
                        wake.wait(config.pollInterval().toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /** One pass: take, prepare, send, record. @return whether a full batch was taken (more may be due) */
    boolean sendDue() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Claimed> claimed = QuarkusTransaction.requiringNew()
                .call(() -> messages.claim(config.batchSize(), now, config.lease()));
        if (claimed.isEmpty()) {
            return false;
        }
        List<Claimed> ready = QuarkusTransaction.requiringNew().call(() -> prepare(claimed, now));
        List<Uni<String>> sends = new ArrayList<>();
        for (Claimed message : ready) {
            sends.add(mailer.send(mail(message)).replaceWith((String) null)
                    .ifNoItem().after(config.sendTimeout()).failWith(() -> new TimeoutException(
                            "no answer from the SMTP server within " + config.sendTimeout()))
                    .onFailure().recoverWithItem(failure -> failure.getMessage() == null
                            ? failure.getClass().getSimpleName() : failure.getMessage()));
        }
        List<String> errors = sends.isEmpty() ? List.of()
                : Uni.join().all(sends).andFailFast().await().atMost(config.lease());
        Instant done = Instant.now().truncatedTo(ChronoUnit.MICROS);
        QuarkusTransaction.requiringNew().run(() -> record(ready, errors, done));
        return claimed.size() == config.batchSize();
    }

    /** Renders what is not rendered yet; skips or holds what should not go now. @return what to send */
    private List<Claimed> prepare(List<Claimed> claimed, Instant now) {
        List<Claimed> ready = new ArrayList<>();
        for (Claimed message : claimed) {
            if (message.subject() != null) {
                ready.add(message);
                continue;
            }
            Item item = message.notificationId() == null ? messages.mailOnlyItem(message.id())
                    : messages.item(message.notificationId());
            if (item == null || !"UNREAD".equals(item.status())) {
                skip(message, item == null ? "the item is gone (collapsed into a newer one)"
                        : "read in the app before it was mailed");
                continue;
            }
            NotificationKind kind = NotificationKind.valueOf(item.kind());
            EmailDelivery chosen = preferences.emailChoices(List.of(message.userId()), kind)
                    .getOrDefault(message.userId(), kind.defaultEmail());
            if (chosen != EmailDelivery.IMMEDIATE) {
                skip(message, "e-mail for " + kind + " is now " + chosen);
                continue;
            }
            PersonClaims person = people.find(List.of(message.userId())).get(message.userId());
            if (person == null || person.email() == null) {
                skip(message, "no e-mail address known for this person (their token carries no email claim)");
                continue;
            }
            QuietHours quiet = preferences.quietHours(List.of(message.userId())).get(message.userId());
            if (!message.urgent() && quiet != null && quiet.covers(now)) {
                messages.held(message.id(), quiet.endAfter(now));
                continue;
            }
            String link = unsubscribe.url(message.userId(), kind.name());
            EmailRenderer.Rendered body = renderer.immediate(item, person.name(), link);
            Claimed rendered = message.rendered(person.email(), body.subject(), body.text(), body.html(), link);
            messages.rendered(rendered);
            ready.add(rendered);
        }
        return ready;
    }

    private void skip(Claimed message, String reason) {
        messages.skipped(message.id(), reason);
        outcomes(message.kind(), "skipped").increment();
    }

    private void record(List<Claimed> sent, List<String> errors, Instant now) {
        List<Long> delivered = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            Claimed message = sent.get(i);
            String error = errors.get(i);
            if (error == null) {
                delivered.add(message.id());
                outcomes(message.kind(), "sent").increment();
                delay(message.kind()).record(Duration.between(message.createdAt(), now));
            } else if (message.createdAt().plus(config.retryFor()).isBefore(now)) {
                messages.failed(message.id(), error);
                outcomes(message.kind(), "failed").increment();
                LOG.errorf("e-mail %d to %s given up after %d attempts: %s", message.id(), message.userId(),
                        message.attempts(), error);
            } else {
                Duration wait = jitter(backoff.afterFailures(message.attempts()));
                messages.retry(message.id(), now.plus(wait), error);
                outcomes(message.kind(), "retried").increment();
                LOG.warnf("e-mail %d not sent (%s); attempt %d, next in %s", message.id(), error,
                        message.attempts() + 1, wait);
            }
        }
        messages.sent(delivered, now);
    }

    /** Half to all of the backoff, so messages that failed together do not retry together. */
    private static Duration jitter(Duration wait) {
        long half = wait.toMillis() / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    private static Mail mail(Claimed message) {
        return Mail.withHtml(message.recipient(), message.subject(), message.htmlBody()).setText(message.textBody())
                // the same id on every attempt: a receiver can tell a retry that crossed a lost reply
                .addHeader("Message-ID", "<scaffold-email-" + message.id() + "@scaffold.notifications>")
                .addHeader("List-Unsubscribe", "<" + message.unsubscribeUrl() + ">")
                .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
                .addHeader("Auto-Submitted", "auto-generated");
    }

    private Counter outcomes(String kind, String outcome) {
        return Counter.builder("scaffold.email.messages").tag("kind", kind).tag("outcome", outcome)
                .description("E-mail messages by outcome of an attempt: sent, retried, failed (given up), skipped")
                .register(meters);
    }

    private Timer delay(String kind) {
        return Timer.builder("scaffold.email.delay").tag("kind", kind)
                .description("From queueing a message (the event, or the digest run) to the SMTP server accepting it")
                .publishPercentileHistogram().register(meters);
    }
}
