package io.scaffold.platform.outbox;

import io.scaffold.platform.tracing.TraceContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.time.Instant;
import java.util.UUID;

/**
 * Records an event in the outbox, in the caller's transaction: the event is published if and only if the change it
 * describes commits. Call it from inside a {@code @Transactional} use case.
 */
@ApplicationScoped
public class Outbox {
    private static final Object WAKE_REGISTERED = new Object();
    /** UUIDv7 event ids: unique like any UUID, and they tell when they were made (read-your-writes uses that). */
    private static final com.fasterxml.uuid.impl.TimeBasedEpochRandomGenerator EVENT_IDS =
            com.fasterxml.uuid.Generators.timeBasedEpochRandomGenerator();

    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;
    private final TransactionSynchronizationRegistry transactions;
    private final RelaySignal relaySignal;
    private final io.scaffold.platform.consistency.RecordedEvents recordedEvents;

    public Outbox(EntityManager entityManager, ObjectMapper objectMapper,
            TransactionSynchronizationRegistry transactions, RelaySignal relaySignal,
            io.scaffold.platform.consistency.RecordedEvents recordedEvents) {
        this.entityManager = entityManager;
        this.objectMapper = objectMapper;
        this.transactions = transactions;
        this.relaySignal = relaySignal;
        this.recordedEvents = recordedEvents;
    }

    /**
     * @param aggregateType what the event is about, e.g. {@code community}
     * @param aggregateId   the record key on the topic: one aggregate's events stay in order
     * @param eventType     CloudEvents type, e.g. {@code scaffold.community.created.v1}
     * @param data          serialized as the JSON data of the event
     * @return the event id ({@code ce_id})
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID record(String aggregateType, String aggregateId, String eventType, Object data) {
        UUID id = persist(aggregateType, aggregateId, eventType, data);
        if (io.quarkus.arc.Arc.container().requestContext().isActive()) {
            recordedEvents.add(id); // told to the caller in Scaffold-Events
        }
        return id;
    }

    /**
     * Like {@link #record}, for an event the call did not ask for (the caller's claims noted on the way in): it is
     * not listed in the call's {@code Scaffold-Events} header, which promises the events of the change requested.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID recordAside(String aggregateType, String aggregateId, String eventType, Object data) {
        return persist(aggregateType, aggregateId, eventType, data);
    }

    private UUID persist(String aggregateType, String aggregateId, String eventType, Object data) {
        OutboxEvent event = new OutboxEvent();
        event.eventId = EVENT_IDS.generate();
        event.aggregateType = aggregateType;
        event.aggregateId = aggregateId;
        event.eventType = eventType;
        event.payload = toJson(data);
        event.occurredAt = Instant.now();
        event.nextAttemptAt = event.occurredAt;
        TraceContext trace = TraceContext.current();
        event.traceparent = trace.traceparent();
        event.tracestate = trace.tracestate();
        entityManager.persist(event);
        wakeRelayAfterCommit();
        return event.eventId;
    }

    private void wakeRelayAfterCommit() {
        if (transactions.getResource(WAKE_REGISTERED) != null) {
            return;
        }
        transactions.putResource(WAKE_REGISTERED, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relaySignal.wake();
                }
            }
        });
    }

    private String toJson(Object data) {
        try {
            return objectMapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data cannot be serialized: " + e.getOriginalMessage(), e);
        }
    }
}
