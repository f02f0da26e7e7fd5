package io.scaffold.platform.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How far the relay is behind, for alerts: rows waiting to be published and how long the oldest has waited. Read
 * from the table every 15 s (the same for every replica: it is the service's outbox, not the replica's), never on the
 * scrape itself, so a slow database cannot stall {@code /q/metrics}.
 */
@ApplicationScoped
public class OutboxBacklog {
    private final EntityManager entityManager;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();

    public OutboxBacklog(EntityManager entityManager, MeterRegistry meters) {
        this.entityManager = entityManager;
        Gauge.builder("scaffold.outbox.pending", pending, AtomicLong::get)
                .description("Outbox rows not yet published").register(meters);
        Gauge.builder("scaffold.outbox.oldest.pending.age", oldestAgeSeconds, AtomicLong::get)
                .baseUnit("seconds").description("How long the oldest unpublished outbox row has waited")
                .register(meters);
    }

    @Scheduled(every = "15s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void refresh() {
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(occurred_at)), 0)
                FROM scaffold_outbox WHERE sent_at IS NULL""").getSingleResult();
        pending.set(((Number) row[0]).longValue());
        oldestAgeSeconds.set(Math.max(0, ((Number) row[1]).longValue()));
    }
}
