package io.scaffold.platform.testapp;

import io.scaffold.platform.consumer.IdempotentConsumer;
import io.scaffold.platform.deadletter.ReplayableConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Applies inbound test events: records an effect row, or fails when the data asks it to; a label starting with
 * "broken" fails until a test says it is fixed.
 */
@ApplicationScoped
public class InboundConsumer implements ReplayableConsumer {
    /** Whether the "bug" that fails events labelled broken-* has been fixed. */
    public static final AtomicBoolean BROKEN_LABELS_FIXED = new AtomicBoolean();

    private final IdempotentConsumer consumer;
    private final EntityManager entityManager;

    public InboundConsumer(IdempotentConsumer consumer, EntityManager entityManager) {
        this.consumer = consumer;
        this.entityManager = entityManager;
    }

    @Incoming("inbound")
    @Blocking
    public void on(ConsumerRecord<String, String> record) {
        replay(record);
    }

    @Override
    public Set<String> topics() {
        return Set.of("scaffold.platformtest.inbound");
    }

    @Override
    public boolean replay(ConsumerRecord<String, String> record) {
        return consumer.handle("platform-test", record, event -> {
            if (event.data().path("fail").asBoolean()) {
                throw new IllegalStateException("the effect keeps failing");
            }
            String label = event.data().path("label").asText();
            if (label.startsWith("broken") && !BROKEN_LABELS_FIXED.get()) {
                throw new IllegalStateException("a bug fails " + label);
            }
            entityManager.createNativeQuery("INSERT INTO applied_effect (event_id, label) VALUES (:id, :label)")
                    .setParameter("id", event.id())
                    .setParameter("label", label)
                    .executeUpdate();
        });
    }
}
