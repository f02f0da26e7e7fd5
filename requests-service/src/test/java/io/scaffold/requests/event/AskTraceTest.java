package io.scaffold.requests.event;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.platform.testing.TopicProbe;
import io.scaffold.requests.Communities;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.scaffold.platform.testing.RecordedSpans.awaitSpan;
import static io.scaffold.platform.testing.TopicProbe.header;
import static io.scaffold.requests.Api.TOPIC;
import static io.scaffold.requests.Api.as;
import static io.scaffold.requests.Api.requestJson;
import static io.scaffold.requests.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start of a help request's trace: the ask continues the gateway's trace, and the {@code created} event leaves
 * on Kafka in that trace, under the relay's producer span (notifications-service continues it from there).
 */
@QuarkusTest
class AskTraceTest {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void theCreatedEventCarriesTheTraceOfTheAsk() {
        String asker = unique("asker");
        Communities community = Communities.create(unique("owner"), "PUBLIC", "kafka").member(asker, "MEMBER");
        String traceId = UUID.randomUUID().toString().replace("-", "");
        try (TopicProbe probe = TopicProbe.tail(TOPIC)) {
            String id = as(asker).header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                    .body(requestJson("Consumer lag keeps growing", community.id(), "HIGH", false, "kafka"))
                    .post("/api/requests").then().statusCode(201).extract().path("id");

            ConsumerRecord<String, String> created = probe.awaitEvent("scaffold.help-request.created.v1", id,
                    Duration.ofSeconds(30));

            SpanData ask = awaitSpan(spans, span -> span.getTraceId().equals(traceId)
                    && span.getKind() == SpanKind.SERVER);
            assertThat(ask.getName()).contains("/api/requests");
            SpanData publish = awaitSpan(spans, span -> span.getTraceId().equals(traceId)
                    && span.getKind() == SpanKind.PRODUCER);
            assertThat(header(created, "traceparent")).isEqualTo("00-" + traceId + "-" + publish.getSpanId() + "-01");
        }
    }
}
