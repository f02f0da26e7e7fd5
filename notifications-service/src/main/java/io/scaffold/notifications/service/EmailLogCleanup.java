package io.scaffold.notifications.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.scaffold.notifications.config.EmailConfig;
import io.scaffold.notifications.repository.EmailMessageRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Forgets sent, skipped and failed mail after the retention ({@code scaffold.notifications.email.retention}). */
@ApplicationScoped
public class EmailLogCleanup {
    private final EmailMessageRepository messages;
    private final EmailConfig config;

    public EmailLogCleanup(EmailMessageRepository messages, EmailConfig config) {
        this.messages = messages;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        deleteOld(Instant.now());
    }

    public int deleteOld(Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> messages.deleteFinishedBefore(now.minus(
                config.retention())));
    }
}
