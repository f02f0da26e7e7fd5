package io.scaffold.requests.service;

import io.quarkus.scheduler.Scheduled;
import io.scaffold.requests.config.RequestsConfig;
import io.scaffold.requests.repository.IdempotencyKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;

/** Forgets Idempotency-Keys past their retention, so the table holds a day of keys rather than all of them. */
@ApplicationScoped
public class IdempotencyKeyCleanup {
    private final IdempotencyKeys keys;
    private final RequestsConfig config;

    public IdempotencyKeyCleanup(IdempotencyKeys keys, RequestsConfig config) {
        this.keys = keys;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetOldKeys() {
        keys.deleteOlderThan(Instant.now().minus(config.idempotencyRetention()));
    }
}
