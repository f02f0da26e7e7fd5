package io.scaffold.platform.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Consumers waiting out a transient failure (the database down, say) instead of dead-lettering: readiness reports
 * each with the reason and since when, until its event is applied and it moves on.
 */
@ApplicationScoped
public class StalledConsumers {
    private record Stall(Instant since, String reason) {
    }

    private final Map<String, Stall> stalled = new ConcurrentHashMap<>();

    void stalled(String consumer, String reason) {
        stalled.compute(consumer, (name, stall) -> new Stall(stall == null ? Instant.now() : stall.since(), reason));
    }

    void resumed(String consumer) {
        stalled.remove(consumer);
    }

    public boolean isStalled(String consumer) {
        return stalled.containsKey(consumer);
    }

    HealthCheckResponse health() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("event consumers").status(stalled.isEmpty());
        stalled.forEach((consumer, stall) -> response.withData(consumer, "waiting since " + stall.since()
                + " on a transient failure: " + stall.reason()));
        return response.build();
    }
}
