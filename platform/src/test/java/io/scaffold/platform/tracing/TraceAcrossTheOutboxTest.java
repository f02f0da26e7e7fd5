package io.scaffold.platform.tracing;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.scaffold.platform.testing.TestEvents;
import io.scaffold.platform.testing.TestTokens;
import io.scaffold.platform.testing.TopicProbe;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.scaffold.platform.testing.RecordedSpans.awaitSpan;
import static io.scaffold.platform.testing.TopicProbe.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One trace from the request that records an event, through its outbox row and the relay, to the Kafka record and
 * the consumer that applies it: the trace context is stored with the row, so it survives the relay running later.
 */
@QuarkusTest
class TraceAcrossTheOutboxTest {
    static final String EVENTS = "scaffold.platformtest.events";
    static final String INBOUND = "scaffold.platformtest.inbound";
    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String CALLER_SPAN = "00f067aa0ba902b7";

    @Inject
    InMemorySpanExporter spans;

    @Inject
    EntityManager entityManager;

    @Test
    void theRequestsTraceIsStoredWithTheOutboxRowAndCarriedOnTheRecordUnderTheRelaysProducerSpan() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        try (TopicProbe events = TopicProbe.tail(EVENTS)) {
            String id = given().header("Authorization", TestTokens.bearer("alice"))
                    .header("traceparent", "00-" + traceId + "-" + CALLER_SPAN + "-01")
                    .contentType(ContentType.JSON).body("{\"name\":\"traced\"}")
                    .post("/api/widgets").then().statusCode(200).extract().path("id");

            ConsumerRecord<String, String> record = events.awaitEvent("scaffold.widget.created.v1", id,
                    Duration.ofSeconds(30));

            String stored = QuarkusTransaction.requiringNew().call(() -> (String) entityManager
                    .createNativeQuery("SELECT traceparent FROM scaffold_outbox WHERE aggregate_id = :id")
                    .setParameter("id", id).getSingleResult());
            assertThat(stored).startsWith("00-" + traceId + "-").endsWith("-01");
            SpanData server = awaitSpan(spans, span -> span.getTraceId().equals(traceId)
                    && span.getKind() == SpanKind.SERVER);
            assertThat(server.getParentSpanId()).isEqualTo(CALLER_SPAN);
            SpanData publish = awaitSpan(spans, span -> span.getTraceId().equals(traceId)
                    && span.getKind() == SpanKind.PRODUCER);
            assertThat(publish.getName()).isEqualTo(EVENTS + " publish");
            assertThat(publish.getAttributes().asMap().toString()).contains("scaffold.widget.created.v1");
            assertThat(header(record, "traceparent"))
                    .isEqualTo("00-" + traceId + "-" + publish.getSpanId() + "-01");
        }
    }

    @Test
    void theConsumerContinuesTheTraceTheRecordCarriesAndEndsItsSpanWithTheEffect() {
        String key = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        TestEvents.publish(INBOUND, key, "{\"label\":\"traced\"}", Map.of(
                "ce_specversion", "1.0", "ce_id", eventId, "ce_type", "scaffold.thing.happened.v1",
                "ce_source", "/elsewhere", "content-type", "application/json",
                "traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01"));

        SpanData process = awaitSpan(spans, span -> span.getKind() == SpanKind.CONSUMER
                && span.getAttributes().asMap().toString().contains(eventId));

        assertThat(process.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(process.getParentSpanId()).isEqualTo(CALLER_SPAN);
        assertThat(process.getName()).isEqualTo(INBOUND + " process");
    }

    @Test
    void withoutATraceOnTheRecordTheConsumerStartsOne() {
        String eventId = TestEvents.publishCloudEvent(INBOUND, UUID.randomUUID().toString(),
                "scaffold.thing.happened.v1", "/elsewhere", "{\"label\":\"untraced\"}");

        SpanData process = awaitSpan(spans, span -> span.getKind() == SpanKind.CONSUMER
                && span.getAttributes().asMap().toString().contains(eventId));

        assertThat(process.getParentSpanContext().isValid()).isFalse();
    }
}
