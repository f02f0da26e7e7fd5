package io.scaffold.platform.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.scaffold.platform.outbox.Backoff;
import io.scaffold.platform.problem.Failures;
import io.scaffold.platform.tracing.TraceContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);
    private final CloudEventRecords records;
    private final EffectAttempts attempts;
    private final MeterRegistry meters;
    private final Tracer tracer;
    private final TrustedProducers producers;
    private final StalledConsumers stalls;
    private final Backoff patience;

    public IdempotentConsumer(CloudEventRecords records, EffectAttempts attempts, MeterRegistry meters,
            Tracer tracer, TrustedProducers producers, StalledConsumers stalls,
            @ConfigProperty(name = "scaffold.consumer.transient-backoff-initial", defaultValue = "500ms")
            Duration initialBackoff,
            @ConfigProperty(name = "scaffold.consumer.transient-backoff-max", defaultValue = "30s")
            Duration maxBackoff) {
        this.records = records;
        this.attempts = attempts;
        this.meters = meters;
        this.tracer = tracer;
        this.producers = producers;
        this.stalls = stalls;
        this.patience = new Backoff(initialBackoff, maxBackoff);
    }

    /**
     * Runs in a consumer span that continues the trace the record carries ({@code traceparent}), so the effect's
     * queries and the events it records belong to the request that caused the event.
     *
     * @param consumer names the effect: two consumers of one event each apply it once
     * @return false when the event was a redelivery and had no effect
     * @throws PoisonEventException when the record can never be applied (not retried)
     */
    public boolean handle(String consumer, ConsumerRecord<String, String> record, Consumer<IncomingEvent> effect) {
        Span span = processSpan(consumer, record);
        String type = "unknown";
        try (Scope ignored = span.makeCurrent()) {
            IncomingEvent event = records.parse(record);
            type = event.type();
            producers.check(record.topic(), event);
            span.setAttribute("messaging.message.id", event.id());
            span.setAttribute("cloudevents.event_id", event.id());
            span.setAttribute("cloudevents.event_type", event.type());
            // per partition: a channel with several consumer threads (concurrency) stalls and resumes by partition
            boolean applied = applyPatiently(consumer, consumer + " on " + record.topic() + "/" + record.partition(),
                    event, effect);
            count(meters, consumer, type, applied ? "applied" : "duplicate");
            return applied;
        } catch (RuntimeException e) {
            // The channel's failure strategy moves the record to the dead-letter topic.
            count(meters, consumer, type, "dead_lettered");
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    /**
     * A transient failure (the database down, a timeout) never dead-letters: the consumer waits, backing off up to
     * the maximum, and tries the same event again until it applies; meanwhile its partition's later events wait
     * behind it (order is kept) and readiness says so.
     */
    private boolean applyPatiently(String consumer, String stallKey, IncomingEvent event,
            Consumer<IncomingEvent> effect) {
        int failures = 0;
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return attempts.apply(consumer, event, effect);
                } catch (RuntimeException e) {
                    if (!TransientFailures.isTransient(e)) {
                        throw e;
                    }
                    failures++;
                    if (failures == 1) {
                        LOG.warnf("%s waits on a transient failure before applying %s (%s): %s", consumer,
                                event.id(), event.type(), Failures.rootMessage(e));
                    }
                    stalls.stalled(stallKey, Failures.rootMessage(e));
                    count(meters, consumer, event.type(), "deferred");
                    interrupted |= sleep(patience.afterFailures(failures));
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failures > 0) {
                stalls.resumed(stallKey);
                LOG.infof("%s applied %s after %d transient failure(s)", consumer, event.id(), failures);
            }
        }
    }

    /**
     * Waits; an interruption (shutdown) does not end the wait with a failure, which would dead-letter the event: the
     * process ends with the event unacknowledged, and it is delivered again after the restart.
     *
     * @return whether the thread was interrupted
     */
    private static boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    private Span processSpan(String consumer, ConsumerRecord<String, String> record) {
        TraceContext carried = new TraceContext(header(record, TraceContext.TRACEPARENT),
                header(record, TraceContext.TRACESTATE));
        return tracer.spanBuilder(record.topic() + " process")
                .setParent(carried.toContext())
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.consumer.group.name", consumer)
                .setAttribute("messaging.destination.partition.id", Integer.toString(record.partition()))
                .setAttribute("messaging.kafka.offset", record.offset())
                .startSpan();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.US_ASCII);
    }

    /**
     * {@code scaffold_events_consumed_total{consumer,type,outcome}}: applied, duplicate, retried, deferred (waiting
     * out a transient failure), dead_lettered.
     */
    static void count(MeterRegistry meters, String consumer, String type, String outcome) {
        meters.counter("scaffold.events.consumed", "consumer", consumer, "type", type, "outcome", outcome)
                .increment();
    }
}
