package io.scaffold.platform.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness is down while an event consumer waits out a transient failure (check "event consumers"). */
@Readiness
@ApplicationScoped
public class ConsumersReadiness implements HealthCheck {
    private final StalledConsumers stalls;

    public ConsumersReadiness(StalledConsumers stalls) {
        this.stalls = stalls;
    }

    @Override
    public HealthCheckResponse call() {
        return stalls.health();
    }
}
