package io.scaffold.platform.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.platform.testing.TestTokens;
import io.scaffold.platform.testing.TopicProbe;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.scaffold.platform.testing.TopicProbe.header;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class OutboxRelayTest {
    static final String TOPIC = "scaffold.platformtest.events";
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EntityManager entityManager;

    @Test
    void anEventRecordedInACommittedTransactionIsPublishedOnceAsABinaryCloudEventKeyedByAggregate() throws Exception {
        try (TopicProbe probe = TopicProbe.tail(TOPIC)) {
            String id = createWidget("committed", false);

            ConsumerRecord<String, String> record = probe.awaitEvent("scaffold.widget.created.v1", id, WAIT);

            assertThat(record.key()).isEqualTo(id);
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(UUID.fromString(header(record, "ce_id"))).isNotNull();
            assertThat(header(record, "ce_source")).isEqualTo("/platform-test");
            assertThat(header(record, "ce_subject")).isEqualTo(id);
            assertThat(OffsetDateTime.parse(header(record, "ce_time"))).isBefore(OffsetDateTime.now().plusSeconds(1));
            assertThat(header(record, "content-type")).isEqualTo("application/json");
            JsonNode data = new ObjectMapper().readTree(record.value());
            assertThat(data.path("widgetId").asText()).isEqualTo(id);
            assertThat(data.path("name").asText()).isEqualTo("committed");

            List<ConsumerRecord<String, String>> all = probe.collectFor(Duration.ofSeconds(2));
            assertThat(all.stream().filter(r -> id.equals(r.key()))).hasSize(1);
            assertThat(sentAt(id)).as("the outbox row is marked sent").isNotNull();
        }
    }

    @Test
    void aRolledBackTransactionPublishesNothing() {
        try (TopicProbe probe = TopicProbe.tail(TOPIC)) {
            String name = "rolled-back-" + UUID.randomUUID().toString().substring(0, 8);
            given().header("Authorization", TestTokens.bearer("alice")).contentType(ContentType.JSON)
                    .body("{\"name\":\"" + name + "\"}")
                    .post("/api/widgets?fail=true")
                    .then().statusCode(500).contentType("application/problem+json");

            List<ConsumerRecord<String, String>> records = probe.collectFor(Duration.ofSeconds(3));
            assertThat(records).noneMatch(r -> r.value().contains(name));
            long rows = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                    .createNativeQuery("SELECT count(*) FROM scaffold_outbox WHERE payload->>'name' = :name")
                    .setParameter("name", name).getSingleResult()).longValue());
            assertThat(rows).isZero();
        }
    }

    @Test
    void oneAggregatesEventsArePublishedInTheOrderTheyWereRecorded() {
        try (TopicProbe probe = TopicProbe.tail(TOPIC)) {
            String id = createWidget("v0", false);
            for (int i = 1; i <= 15; i++) {
                given().header("Authorization", TestTokens.bearer("alice"))
                        .post("/api/widgets/" + id + "/rename/v" + i)
                        .then().statusCode(204);
            }
            probe.await(r -> id.equals(r.key()) && r.value().contains("\"name\":\"v15\""), WAIT);

            List<String> names = new ArrayList<>();
            for (ConsumerRecord<String, String> r : probe.collectFor(Duration.ZERO)) {
                if (id.equals(r.key())) {
                    names.add(r.value().replaceAll(".*\"name\":\"(v\\d+)\".*", "$1"));
                }
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i <= 15; i++) {
                expected.add("v" + i);
            }
            assertThat(names).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void theOutboxIsVacuumedAfterEveryThousandChangedRowsWhateverItsSize() {
        // sent events leave dead entries in the pending indexes the relay claims through, until a vacuum
        String options = QuarkusTransaction.requiringNew().call(() -> String.valueOf(entityManager
                .createNativeQuery("SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname ="
                        + " 'scaffold_outbox'").getSingleResult()));
        assertThat(options.split(",")).contains("autovacuum_vacuum_scale_factor=0",
                "autovacuum_vacuum_threshold=1000", "autovacuum_analyze_scale_factor=0");
    }

    static String createWidget(String name, boolean fail) {
        return given().header("Authorization", TestTokens.bearer("alice")).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\"}")
                .post("/api/widgets" + (fail ? "?fail=true" : ""))
                .then().statusCode(200)
                .extract().path("id");
    }

    Object sentAt(String aggregateId) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery("SELECT max(sent_at) FROM scaffold_outbox WHERE aggregate_id = :id")
                .setParameter("id", aggregateId).getSingleResult());
    }
}
