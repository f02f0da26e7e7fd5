package io.scaffold.platform.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.function.Consumer;

/** Applies an event's effect and records its id in one transaction; an id seen before has no second effect. */
@ApplicationScoped
public class ProcessedEvents {
    private final EntityManager entityManager;

    public ProcessedEvents(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** @return false when this consumer had already applied the event */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean applyOnce(String consumer, IncomingEvent event, Consumer<IncomingEvent> effect) {
        // A concurrent delivery of the same id waits on the primary key here, then inserts nothing.
        int inserted = entityManager.createNativeQuery("""
                INSERT INTO scaffold_processed_event (consumer, event_id, event_type) VALUES (:consumer, :id, :type)
                ON CONFLICT DO NOTHING""")
                .setParameter("consumer", consumer)
                .setParameter("id", event.id())
                .setParameter("type", event.type())
                .executeUpdate();
        if (inserted == 0) {
            return false;
        }
        effect.accept(event);
        return true;
    }
}
