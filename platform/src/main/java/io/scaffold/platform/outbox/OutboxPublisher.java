package io.scaffold.platform.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.scaffold.platform.tracing.TraceContext;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One relay pass: claims pending outbox rows ({@code FOR UPDATE SKIP LOCKED}, so replicas never claim the same row),
 * publishes them as binary-mode CloudEvents keyed by aggregate id, and marks them sent, all in one transaction.
 * Each record is published in a producer span under the trace context stored with its row, and carries that span's
 * context in its {@code traceparent}/{@code tracestate} headers: consumers continue the trace of the request that
 * recorded the event, however late the relay ran.
 */
@ApplicationScoped
public class OutboxPublisher {
    public static final String CHANNEL = "scaffold-outbox";
    private static final Logger LOG = Logger.getLogger(OutboxPublisher.class);

    private final EntityManager entityManager;
    private final Emitter<String> emitter;
    private final OutboxConfig config;
    private final Backoff rowBackoff;
    private final Tracer tracer;
    private final String topic;
    private final Timer publishTime;
    private final Counter publishFailures;

    public OutboxPublisher(EntityManager entityManager, @Channel(CHANNEL) Emitter<String> emitter,
            OutboxConfig config, Tracer tracer, MeterRegistry meters,
            @ConfigProperty(name = "mp.messaging.outgoing." + CHANNEL + ".topic") String topic) {
        this.entityManager = entityManager;
        this.emitter = emitter;
        this.config = config;
        this.rowBackoff = new Backoff(config.initialBackoff(), config.maxBackoff());
        this.tracer = tracer;
        this.topic = topic;
        this.publishFailures = Counter.builder("scaffold.outbox.publish.failures")
                .description("Events whose publication failed (each is retried with backoff)").register(meters);
        this.publishTime = Timer.builder("scaffold.outbox.publish")
                .description("Time from handing an event to the producer to the broker's acknowledgement")
                .publishPercentileHistogram().register(meters);
    }

    /** @return the outcome of the pass: how many rows were claimed and how many were published. */
    @Transactional
    public PassResult publishPending() {
        @SuppressWarnings("unchecked")
        List<OutboxEvent> claimed = entityManager.createNativeQuery("""
                SELECT * FROM scaffold_outbox
                WHERE sent_at IS NULL AND next_attempt_at <= now()
                ORDER BY id
                LIMIT :limit
                FOR UPDATE SKIP LOCKED""", OutboxEvent.class)
                .setParameter("limit", config.batchSize())
                .getResultList();
        if (claimed.isEmpty()) {
            return new PassResult(0, 0);
        }
        List<OutboxEvent> publishable = inAggregateOrder(claimed);
        List<CompletableFuture<Void>> acks = new ArrayList<>(publishable.size());
        for (OutboxEvent event : publishable) {
            // Handed to the producer now, in id order: per-key order on the partition. The broker's
            // acknowledgement completes the future on a producer thread, outside this transaction.
            CompletableFuture<Void> ack = new CompletableFuture<>();
            acks.add(ack);
            Span span = publishSpan(event);
            try {
                emitter.send(toMessage(event, span, ack));
            } catch (RuntimeException e) {
                span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
                span.end();
                ack.completeExceptionally(e);
            }
        }
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        Instant now = Instant.now();
        List<Long> sent = new ArrayList<>(publishable.size());
        for (int i = 0; i < publishable.size(); i++) {
            OutboxEvent event = publishable.get(i);
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                sent.add(event.id);
            } catch (Exception e) {
                publishFailures.increment();
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                acks.get(i).cancel(false);
                event.attempts++;
                event.nextAttemptAt = now.plus(rowBackoff.afterFailures(event.attempts));
                event.lastError = describe(e);
                LOG.debugf("outbox event %s (%s) not published, attempt %d: %s", event.eventId, event.eventType,
                        event.attempts, event.lastError);
            }
        }
        markSent(sent, now);
        return new PassResult(claimed.size(), sent.size());
    }

    /** One statement for the whole pass (the failed rows' retry state is flushed with the entities). */
    private void markSent(List<Long> ids, Instant now) {
        if (!ids.isEmpty()) {
            entityManager.createNativeQuery(
                            "UPDATE scaffold_outbox SET sent_at = :now WHERE id = ANY(CAST(:ids AS bigint[]))")
                    .setParameter("now", now)
                    .setParameter("ids", ids.toArray(Long[]::new))
                    .executeUpdate();
        }
    }

    /**
     * Keeps only the rows that are next in line for their aggregate: a row is held back while an earlier row of the
     * same aggregate is still pending outside this pass (claimed by another replica, or waiting for a retry).
     */
    private List<OutboxEvent> inAggregateOrder(List<OutboxEvent> claimed) {
        Set<String> aggregates = new HashSet<>();
        claimed.forEach(event -> aggregates.add(event.aggregateId));
        Map<String, Long> earliestForeign = earliestForeignPending(aggregates, claimed);
        if (earliestForeign.isEmpty()) {
            return claimed;
        }
        return claimed.stream()
                .filter(e -> e.id < earliestForeign.getOrDefault(e.aggregateId, Long.MAX_VALUE))
                .toList();
    }

    private Map<String, Long> earliestForeignPending(Set<String> aggregates, List<OutboxEvent> claimed) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT o.aggregate_id, min(o.id) FROM scaffold_outbox o
                WHERE o.sent_at IS NULL
                  AND o.aggregate_id = ANY(CAST(:aggregates AS text[]))
                  AND NOT (o.id = ANY(CAST(:claimed AS bigint[])))
                GROUP BY o.aggregate_id""")
                .setParameter("aggregates", aggregates.toArray(String[]::new))
                .setParameter("claimed", claimed.stream().map(e -> e.id).toArray(Long[]::new))
                .getResultList();
        Map<String, Long> earliest = new HashMap<>();
        for (Object[] row : rows) {
            earliest.put((String) row[0], ((Number) row[1]).longValue());
        }
        return earliest;
    }

    private Message<String> toMessage(OutboxEvent event, Span span, CompletableFuture<Void> ack) {
        OutgoingCloudEventMetadata<String> cloudEvent = OutgoingCloudEventMetadata.<String>builder()
                .withId(event.eventId.toString())
                .withType(event.eventType)
                .withSource(URI.create(config.source()))
                .withSubject(event.aggregateId)
                .withTimestamp(event.occurredAt.atZone(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .build();
        RecordHeaders headers = new RecordHeaders();
        TraceContext trace = span.getSpanContext().isValid() ? TraceContext.of(Context.root().with(span))
                : new TraceContext(event.traceparent, event.tracestate);
        if (trace.present()) {
            headers.add(TraceContext.TRACEPARENT, trace.traceparent().getBytes(StandardCharsets.US_ASCII));
            if (trace.tracestate() != null) {
                headers.add(TraceContext.TRACESTATE, trace.tracestate().getBytes(StandardCharsets.US_ASCII));
            }
        }
        OutgoingKafkaRecordMetadata<String> record = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.aggregateId)
                .withHeaders(headers)
                .build();
        long handed = System.nanoTime();
        return Message.of(event.payload, Metadata.of(cloudEvent, record),
                () -> {
                    publishTime.record(System.nanoTime() - handed, TimeUnit.NANOSECONDS);
                    span.end();
                    ack.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
                    span.end();
                    ack.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
    }

    /** The relay's part of the trace: a producer span under the context stored with the row. */
    private Span publishSpan(OutboxEvent event) {
        return tracer.spanBuilder(topic + " publish")
                .setParent(new TraceContext(event.traceparent, event.tracestate).toContext())
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "publish")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.message.id", event.eventId.toString())
                .setAttribute("messaging.kafka.message.key", event.aggregateId)
                .setAttribute("cloudevents.event_id", event.eventId.toString())
                .setAttribute("cloudevents.event_type", event.eventType)
                .startSpan();
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getClass().getSimpleName() + ": " + root.getMessage();
        return message.length() > 1000 ? message.substring(0, 1000) : message;
    }

    /** What one pass did. */
    public record PassResult(int claimed, int published) {
        public boolean failed() {
            return published < claimed;
        }
    }

}
