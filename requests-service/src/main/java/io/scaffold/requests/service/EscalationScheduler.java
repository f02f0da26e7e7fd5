package io.scaffold.requests.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;

/** Each replica scans for due escalations on a timer; batches repeat until nothing is due. */
@ApplicationScoped
public class EscalationScheduler {
    private static final Logger LOG = Logger.getLogger(EscalationScheduler.class);

    private final EscalationService escalations;

    public EscalationScheduler(EscalationService escalations) {
        this.escalations = escalations;
    }

    @Scheduled(every = "${scaffold.requests.escalation.scan-interval}", delayed = "${scaffold.requests.escalation.scan-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scan() {
        int total = 0;
        int batch;
        do {
            batch = escalations.escalateDueBatch(Instant.now());
            total += batch;
        } while (batch > 0);
        if (total > 0) {
            LOG.debugf("escalated %d requests", total);
        }
    }
}
