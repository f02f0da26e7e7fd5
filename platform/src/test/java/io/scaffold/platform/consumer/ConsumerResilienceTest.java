package io.scaffold.platform.consumer;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.platform.testing.TestEvents;
import io.scaffold.platform.testing.TestInfrastructure;
import io.scaffold.platform.testing.TopicProbe;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.scaffold.platform.testing.TopicProbe.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * A database outage is not a poison event: the consumer waits (readiness says so) and applies the events once the
 * database is back, in order, with nothing dead-lettered. An event from a producer that does not own the topic is.
 */
@QuarkusTest
class ConsumerResilienceTest {
    static final String INBOUND = IdempotentConsumerTest.INBOUND;
    static final String DLQ = IdempotentConsumerTest.DLQ;
    static final String TYPE = IdempotentConsumerTest.TYPE;

    @Inject
    EntityManager entityManager;

    @Test
    void whileTheDatabaseRefusesConnectionsEventsWaitAndAreAppliedAfterwardWithNothingDeadLettered() {
        try (TopicProbe deadLetters = TopicProbe.tail(DLQ)) {
            String key = UUID.randomUUID().toString();
            TestInfrastructure.acceptConnections("platform", false);
            String first;
            String second;
            try {
                first = TestEvents.publishCloudEvent(INBOUND, key, TYPE, "/elsewhere", "{\"label\":\"during-1\"}");
                second = TestEvents.publishCloudEvent(INBOUND, key, TYPE, "/elsewhere", "{\"label\":\"during-2\"}");
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then()
                        .statusCode(503).body(containsString("transient failure")));
                // Well past the retries that used to dead-letter it.
                sleep(Duration.ofSeconds(4));
            } finally {
                TestInfrastructure.acceptConnections("platform", true);
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> effects(first) == 1 && effects(second) == 1);
            assertThat(deadLetters.collectFor(Duration.ofSeconds(2)))
                    .noneMatch(record -> key.equals(record.key()));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then()
                    .statusCode(200));
        }
    }

    @Test
    void anEventFromAnotherSourceThanTheTopicsProducerIsDeadLetteredWithThatReason() {
        try (TopicProbe deadLetters = TopicProbe.tail(DLQ)) {
            String key = UUID.randomUUID().toString();
            String forged = TestEvents.publishCloudEvent(INBOUND, key, TYPE, "/intruder", "{\"label\":\"forged\"}");
            String genuine = TestEvents.publishCloudEvent(INBOUND, key, TYPE, "/elsewhere", "{\"label\":\"ok\"}");

            ConsumerRecord<String, String> dead = deadLetters.await(r -> forged.equals(header(r, "ce_id")),
                    Duration.ofSeconds(30));
            assertThat(header(dead, "dead-letter-reason")).contains("untrusted producer").contains("/intruder");
            await().atMost(Duration.ofSeconds(30)).until(() -> effects(genuine) == 1);
            assertThat(effects(forged)).isZero();
        }
    }

    private long effects(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM applied_effect WHERE event_id = :id")
                .setParameter("id", eventId).getSingleResult()).longValue());
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
