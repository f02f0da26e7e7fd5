package io.scaffold.platform.consumer;

import io.smallrye.faulttolerance.api.BeforeRetry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

/** Applies an event's effect once, retrying a failed attempt a few times; every retry is counted by event type. */
@ApplicationScoped
public class EffectAttempts {
    private final ProcessedEvents processed;

    public EffectAttempts(ProcessedEvents processed) {
        this.processed = processed;
    }

    /** @return false when the event was a redelivery and had no effect */
    @Retry(maxRetries = 3, delay = 200, jitter = 100, delayUnit = ChronoUnit.MILLIS,
            abortOn = PoisonEventException.class)
    @BeforeRetry(RetryCounter.class)
    public boolean apply(String consumer, IncomingEvent event, Consumer<IncomingEvent> effect) {
        return processed.applyOnce(consumer, event, effect);
    }
}
