package io.scaffold.platform.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

/**
 * The one way a service consumes events: parse the CloudEvent, apply its effect exactly once (effect and processed id
 * commit together), retry transient failures a few times, and let the rest fail so the channel's
 * {@code dead-letter-queue} failure strategy moves the record to the dead-letter topic with the reason in its
 * headers, while the consumer goes on with the next record.
 *
 * <pre>{@code
 * @Incoming("communities-events")
 * @Blocking
 * void on(ConsumerRecord<String, String> record) {
 *     consumer.handle("notifications", record, event -> rules.apply(event));
 * }
 * }</pre>
 */
@ApplicationScoped
public class IdempotentConsumer {
    private final CloudEventRecords records;
    private final ProcessedEvents processed;
    private final MeterRegistry meters;

    public IdempotentConsumer(CloudEventRecords records, ProcessedEvents processed, MeterRegistry meters) {
        this.records = records;
        this.processed = processed;
        this.meters = meters;
    }

    /**
     * @param consumer names the effect: two consumers of one event each apply it once
     * @return false when the event was a redelivery and had no effect
     * @throws PoisonEventException when the record can never be applied (not retried)
     */
    @Retry(maxRetries = 3, delay = 200, jitter = 100, delayUnit = ChronoUnit.MILLIS,
            abortOn = PoisonEventException.class)
    public boolean handle(String consumer, ConsumerRecord<String, String> record, Consumer<IncomingEvent> effect) {
        IncomingEvent event;
        try {
            event = records.parse(record);
        } catch (PoisonEventException e) {
            count(consumer, "unknown", "poison");
            throw e;
        }
        boolean applied = processed.applyOnce(consumer, event, effect);
        count(consumer, event.type(), applied ? "applied" : "duplicate");
        return applied;
    }

    private void count(String consumer, String type, String outcome) {
        meters.counter("scaffold.events.consumed", "consumer", consumer, "type", type, "outcome", outcome)
                .increment();
    }
}
