package io.scaffold.platform.consumer;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.platform.testapp.InboundConsumer;
import io.scaffold.platform.testing.TestEvents;
import io.scaffold.platform.testing.TestTokens;
import io.scaffold.platform.testing.TopicProbe;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.scaffold.platform.testing.TopicProbe.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * An operator lists the dead letters, inspects one, and after the fix replays it through the same idempotent
 * consumer: applied once, a second replay writes nothing, every replay is on record. Nobody else may.
 */
@QuarkusTest
class DeadLetterReplayTest {
    static final String INBOUND = "scaffold.platformtest.inbound";
    static final String DLQ = "scaffold.platformtest.dlq";
    static final String API = "/api/widgets/ops/dead-letters";

    @Inject
    EntityManager entityManager;

    @Test
    void anOperatorReplaysADeadLetterAfterTheFixAndASecondReplayWritesNothing() {
        InboundConsumer.BROKEN_LABELS_FIXED.set(false);
        String label = "broken-" + UUID.randomUUID();
        String eventId;
        ConsumerRecord<String, String> dead;
        try (TopicProbe deadLetters = TopicProbe.tail(DLQ)) {
            eventId = TestEvents.publishCloudEvent(INBOUND, UUID.randomUUID().toString(),
                    "scaffold.thing.happened.v1", "/elsewhere", "{\"label\":\"" + label + "\"}");
            dead = deadLetters.await(r -> eventId.equals(header(r, "ce_id")), Duration.ofSeconds(30));
        }
        String id = dead.partition() + "-" + dead.offset();

        List<Map<String, Object>> listed = ops().get(API + "?limit=500").then().statusCode(200)
                .extract().path("items");
        assertThat(listed).anySatisfy(item -> {
            assertThat(item.get("id")).isEqualTo(id);
            assertThat(item.get("eventId")).isEqualTo(eventId);
            assertThat(item.get("type")).isEqualTo("scaffold.thing.happened.v1");
            assertThat((String) item.get("reason")).contains("a bug fails " + label);
            assertThat(item.get("originalTopic")).isEqualTo(INBOUND);
            assertThat(item.get("value")).isNull();
        });
        ops().get(API + "/" + id).then().statusCode(200).body("value", containsString(label))
                .body("headers.'dead-letter-topic'", equalTo(INBOUND));

        InboundConsumer.BROKEN_LABELS_FIXED.set(true);
        try {
            ops().post(API + "/" + id + "/replay").then().statusCode(200).body("outcome", equalTo("APPLIED"))
                    .body("by", equalTo("olga"));
            assertThat(effects(eventId)).isEqualTo(1);
            ops().post(API + "/" + id + "/replay").then().statusCode(200)
                    .body("outcome", equalTo("ALREADY_APPLIED"));
            assertThat(effects(eventId)).isEqualTo(1);
            ops().get(API + "/" + id).then().statusCode(200).body("replays.outcome",
                    equalTo(List.of("APPLIED", "ALREADY_APPLIED")));
            // Replaying all skips what a replay already applied.
            Map<String, Object> all = ops().post(API + "/replay").then().statusCode(200).extract().as(Map.class);
            assertThat(all).doesNotContainKey(id);
        } finally {
            InboundConsumer.BROKEN_LABELS_FIXED.set(false);
        }
    }

    @Test
    void theDeadLetterApiIsForOperatorsOnly() {
        given().get(API).then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("mallory")).get(API).then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("ops"));
        given().header("Authorization", TestTokens.bearer("mallory")).post(API + "/0-0/replay").then()
                .statusCode(403);
    }

    @Test
    void anUnknownDeadLetterIsA404() {
        ops().get(API + "/0-999999999").then().statusCode(404).contentType("application/problem+json");
        ops().get(API + "/not-an-id").then().statusCode(404);
    }

    private static io.restassured.specification.RequestSpecification ops() {
        return given().header("Authorization", TestTokens.bearer("olga", "ops"));
    }

    private long effects(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM applied_effect WHERE event_id = :id")
                .setParameter("id", eventId).getSingleResult()).longValue());
    }
}
