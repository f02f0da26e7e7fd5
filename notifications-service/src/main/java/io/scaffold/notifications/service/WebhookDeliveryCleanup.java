package io.scaffold.notifications.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.scaffold.notifications.config.WebhooksConfig;
import io.scaffold.notifications.repository.WebhookDeliveryRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Keeps the delivery log to its retention ({@code log-retention}, 7 days): older deliveries that are done, or held
 * for an endpoint that stayed off, are deleted in batches of short transactions. Replicas may overlap harmlessly.
 */
@ApplicationScoped
public class WebhookDeliveryCleanup {
    private static final int BATCH = 5000;

    private final WebhookDeliveryRepository deliveries;
    private final WebhooksConfig config;

    public WebhookDeliveryCleanup(WebhookDeliveryRepository deliveries, WebhooksConfig config) {
        this.deliveries = deliveries;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deleteExpired() {
        Instant cutoff = Instant.now().minus(config.logRetention());
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> deliveries.deleteOlderThan(cutoff, BATCH));
        } while (deleted == BATCH);
    }
}
