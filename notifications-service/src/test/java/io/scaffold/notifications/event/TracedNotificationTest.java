package io.scaffold.notifications.event;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.notifications.Events;
import io.scaffold.platform.testing.SseClient;
import io.scaffold.platform.testing.TestTokens;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.scaffold.platform.testing.ApiCalls.unique;
import static io.scaffold.platform.testing.RecordedSpans.awaitSpan;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end of a help request's trace: the event arrives with the trace of the ask (its {@code traceparent}), the
 * notification row is written in the consumer's span and keeps that context, and the live push joins the same trace.
 */
@QuarkusTest
class TracedNotificationTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/api/notifications/stream")
    URI stream;

    @Inject
    InMemorySpanExporter spans;

    @Inject
    EntityManager entityManager;

    @Test
    void theNotificationRowAndTheLivePushBelongToTheTraceOfTheEventThatCausedThem() {
        String helper = unique("helper");
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String relaySpan = "00f067aa0ba902b7";
        try (SseClient client = SseClient.connect(stream.toString(),
                Map.of("Authorization", TestTokens.bearer(helper)))) {
            client.next("unread-count", WAIT);
            String requestId = UUID.randomUUID().toString();
            Events.requestInTrace("scaffold.help-request.created.v1", requestId, Events.created(requestId,
                    unique("asker"), false, null, null, List.of(helper)), "00-" + traceId + "-" + relaySpan + "-01");

            SseClient.Event pushed = client.next("notification", WAIT);
            assertThat(pushed).isNotNull();

            SpanData process = awaitSpan(spans, span -> span.getTraceId().equals(traceId)
                    && span.getKind() == SpanKind.CONSUMER);
            assertThat(process.getParentSpanId()).isEqualTo(relaySpan);
            String row = QuarkusTransaction.requiringNew().call(() -> (String) entityManager
                    .createNativeQuery("SELECT traceparent FROM notification WHERE id = :id")
                    .setParameter("id", Long.parseLong(pushed.id())).getSingleResult());
            assertThat(row).isEqualTo("00-" + traceId + "-" + process.getSpanId() + "-01");
            SpanData push = awaitSpan(spans, span -> span.getTraceId().equals(traceId)
                    && span.getName().equals("notification push"));
            assertThat(push.getParentSpanId()).isEqualTo(process.getSpanId());
        }
    }
}
