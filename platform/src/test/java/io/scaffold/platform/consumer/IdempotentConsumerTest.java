package io.scaffold.platform.consumer;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.platform.testing.TestEvents;
import io.scaffold.platform.testing.TopicProbe;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.scaffold.platform.testing.TopicProbe.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class IdempotentConsumerTest {
    static final String INBOUND = "scaffold.platformtest.inbound";
    static final String DLQ = "scaffold.platformtest.dlq";
    static final String TYPE = "scaffold.thing.happened.v1";

    @Inject
    EntityManager entityManager;

    @Test
    void aRedeliveredEventHasOneEffect() {
        String eventId = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString();
        TestEvents.publishCloudEvent(INBOUND, key, eventId, TYPE, "/elsewhere", "{\"label\":\"once\"}");
        TestEvents.publishCloudEvent(INBOUND, key, eventId, TYPE, "/elsewhere", "{\"label\":\"once\"}");
        String marker = TestEvents.publishCloudEvent(INBOUND, key, TYPE, "/elsewhere", "{\"label\":\"after\"}");

        // The marker comes after both deliveries on the same partition: once it is applied, both were handled.
        await().atMost(Duration.ofSeconds(30)).until(() -> effects(marker) == 1);
        assertThat(effects(eventId)).isEqualTo(1);
    }

    @Test
    void aMessageThatIsNotJsonGoesToTheDeadLetterTopicAndTheNextMessageIsStillProcessed() {
        try (TopicProbe deadLetters = TopicProbe.tail(DLQ)) {
            String key = UUID.randomUUID().toString();
            String poisonId = UUID.randomUUID().toString();
            TestEvents.publishCloudEvent(INBOUND, key, poisonId, TYPE, "/elsewhere", "{not json");
            String good = TestEvents.publishCloudEvent(INBOUND, key, TYPE, "/elsewhere", "{\"label\":\"good\"}");

            ConsumerRecord<String, String> dead = deadLetters.await(r -> poisonId.equals(header(r, "ce_id")),
                    Duration.ofSeconds(30));
            assertThat(dead.value()).isEqualTo("{not json");
            assertThat(dead.key()).isEqualTo(key);
            assertThat(header(dead, "dead-letter-reason")).contains("not JSON");
            assertThat(header(dead, "dead-letter-topic")).isEqualTo(INBOUND);
            await().atMost(Duration.ofSeconds(30)).until(() -> effects(good) == 1);
            assertThat(effects(poisonId)).isZero();
        }
    }

    @Test
    void aRecordThatIsNotACloudEventIsDeadLettered() {
        try (TopicProbe deadLetters = TopicProbe.tail(DLQ)) {
            String key = UUID.randomUUID().toString();
            TestEvents.publish(INBOUND, key, "{\"label\":\"no headers\"}", Map.of());

            ConsumerRecord<String, String> dead = deadLetters.await(r -> key.equals(r.key()), Duration.ofSeconds(30));
            assertThat(header(dead, "dead-letter-reason")).contains("ce_id");
        }
    }

    @Test
    void anEffectThatKeepsFailingIsRetriedThenDeadLetteredWithoutAHalfWrittenEffect() {
        try (TopicProbe deadLetters = TopicProbe.tail(DLQ)) {
            String key = UUID.randomUUID().toString();
            String failing = TestEvents.publishCloudEvent(INBOUND, key, TYPE, "/elsewhere", "{\"fail\":true}");
            String next = TestEvents.publishCloudEvent(INBOUND, key, TYPE, "/elsewhere", "{\"label\":\"next\"}");

            ConsumerRecord<String, String> dead = deadLetters.await(r -> failing.equals(header(r, "ce_id")),
                    Duration.ofSeconds(30));
            assertThat(header(dead, "dead-letter-reason")).contains("keeps failing");
            await().atMost(Duration.ofSeconds(30)).until(() -> effects(next) == 1);
            assertThat(processed(failing)).as("a failed effect is not recorded as processed").isZero();
        }
    }

    long effects(String eventId) {
        return count("SELECT count(*) FROM applied_effect WHERE event_id = :id", eventId);
    }

    long processed(String eventId) {
        return count("SELECT count(*) FROM scaffold_processed_event WHERE event_id = :id", eventId);
    }

    long count(String sql, String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(sql)
                .setParameter("id", eventId).getSingleResult()).longValue());
    }
}
