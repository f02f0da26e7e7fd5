package io.scaffold.platform.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.util.UUID;

/** One event waiting in (or already sent from) the outbox. */
@Entity
@Table(name = "scaffold_outbox")
public class OutboxEvent {
    @Id
    // The column's default (nextval) assigns it in the insert itself: ids follow recording order, never pre-allocated
    // per JVM, and recording an event costs one round trip, not two.
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false, unique = true)
    public UUID eventId;

    @Column(name = "aggregate_type", nullable = false)
    public String aggregateType;

    @Column(name = "aggregate_id", nullable = false)
    public String aggregateId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    // Kept as the exact text the producer serialized (a json column validates it without rewriting it).
    @ColumnTransformer(write = "CAST(? AS json)")
    @Column(name = "payload", nullable = false, columnDefinition = "json")
    public String payload;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "attempts", nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "sent_at")
    public Instant sentAt;

    /** W3C trace context of the change that recorded the event (null when it was not traced). */
    @Column(name = "traceparent")
    public String traceparent;

    @Column(name = "tracestate")
    public String tracestate;
}
