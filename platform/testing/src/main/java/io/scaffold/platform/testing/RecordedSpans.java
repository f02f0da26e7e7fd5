package io.scaffold.platform.testing;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * Every span a service under test finishes, kept in memory: Quarkus exports to each {@code SpanExporter} bean, and
 * the platform's test settings turn tracing on with no other exporter. Inject {@link InMemorySpanExporter}.
 */
@ApplicationScoped
public class RecordedSpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }

    /** Waits for a finished span that matches (spans are exported in batches). */
    public static SpanData awaitSpan(InMemorySpanExporter spans, Predicate<SpanData> matching) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(matching).findFirst().orElse(null), span -> span != null);
    }

    /** The finished spans of one trace. */
    public static List<SpanData> ofTrace(InMemorySpanExporter spans, String traceId) {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }
}
