package io.scaffold.platform.consumer;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;

/**
 * Forgets processed event ids once they are older than any redelivery can be (the topics' retention is 14 days, so
 * the default keeps ids for 30).
 */
@ApplicationScoped
public class ProcessedEventsCleanup {
    private final EntityManager entityManager;
    private final Duration retention;

    public ProcessedEventsCleanup(EntityManager entityManager,
            @ConfigProperty(name = "scaffold.consumer.processed-retention", defaultValue = "P30D") Duration retention) {
        this.entityManager = entityManager;
        this.retention = retention;
    }

    @Scheduled(every = "${scaffold.consumer.cleanup-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void deleteExpired() {
        entityManager.createNativeQuery("DELETE FROM scaffold_processed_event WHERE processed_at < :cutoff")
                .setParameter("cutoff", Instant.now().minus(retention))
                .executeUpdate();
    }
}
