package io.scaffold.platform.outbox;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;

/** Deletes sent outbox rows once they are older than the retention period. */
@ApplicationScoped
public class OutboxCleanup {
    private static final Logger LOG = Logger.getLogger(OutboxCleanup.class);

    private final EntityManager entityManager;
    private final OutboxConfig config;

    public OutboxCleanup(EntityManager entityManager, OutboxConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    @Scheduled(every = "${scaffold.outbox.cleanup-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void deleteExpiredSentEvents() {
        int deleted = entityManager.createNativeQuery("DELETE FROM scaffold_outbox WHERE sent_at < :cutoff")
                .setParameter("cutoff", Instant.now().minus(config.retention()))
                .executeUpdate();
        if (deleted > 0) {
            LOG.infof("outbox clean-up: %d sent events older than %s deleted", deleted, config.retention());
        }
    }
}
