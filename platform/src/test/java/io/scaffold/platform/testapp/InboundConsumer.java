package io.scaffold.platform.testapp;

import io.scaffold.platform.consumer.IdempotentConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Applies inbound test events: records an effect row, or fails when the data asks it to. */
@ApplicationScoped
public class InboundConsumer {
    private final IdempotentConsumer consumer;
    private final EntityManager entityManager;

    public InboundConsumer(IdempotentConsumer consumer, EntityManager entityManager) {
        this.consumer = consumer;
        this.entityManager = entityManager;
    }

    @Incoming("inbound")
    @Blocking
    public void on(ConsumerRecord<String, String> record) {
        consumer.handle("platform-test", record, event -> {
            if (event.data().path("fail").asBoolean()) {
                throw new IllegalStateException("the effect keeps failing");
            }
            entityManager.createNativeQuery("INSERT INTO applied_effect (event_id, label) VALUES (:id, :label)")
                    .setParameter("id", event.id())
                    .setParameter("label", event.data().path("label").asText())
                    .executeUpdate();
        });
    }
}
