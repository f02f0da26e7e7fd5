package io.scaffold.platform.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.BeforeRetryHandler;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;

/** Counts each retry of an event's effect, by consumer and event type ({@link EffectAttempts#apply}'s arguments). */
@ApplicationScoped
public class RetryCounter implements BeforeRetryHandler {
    private final MeterRegistry meters;

    public RetryCounter(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void handle(ExecutionContext context) {
        Object[] arguments = context.getParameters();
        IdempotentConsumer.count(meters, (String) arguments[0], ((IncomingEvent) arguments[1]).type(), "retried");
    }
}
