package io.scaffold.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

import java.util.HashMap;
import java.util.Map;

/**
 * A trace context as the W3C headers carry it ({@code traceparent}, {@code tracestate}): what is stored with an outbox
 * row or a notification and sent on a Kafka record, so that work done later, elsewhere, joins the trace of the
 * request that caused it. Both values are null when there is no trace (tracing off, or nothing upstream).
 */
public record TraceContext(String traceparent, String tracestate) {
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    private static final TraceContext NONE = new TraceContext(null, null);

    /** The context of the span current on this thread. */
    public static TraceContext current() {
        return of(Context.current());
    }

    public static TraceContext of(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return NONE;
        }
        Map<String, String> headers = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(context, headers, Map::put);
        return new TraceContext(headers.get(TRACEPARENT), headers.get(TRACESTATE));
    }

    /** The context these headers name (the root context when there are none). */
    public Context toContext() {
        if (traceparent == null) {
            return Context.root();
        }
        Map<String, String> headers = new HashMap<>(2);
        headers.put(TRACEPARENT, traceparent);
        if (tracestate != null) {
            headers.put(TRACESTATE, tracestate);
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, MapGetter.INSTANCE);
    }

    public boolean present() {
        return traceparent != null;
    }

    /** The 32 hex digits of the trace id, or null. */
    public String traceId() {
        return traceparent == null || traceparent.length() < 35 ? null : traceparent.substring(3, 35);
    }

    private enum MapGetter implements TextMapGetter<Map<String, String>> {
        INSTANCE;

        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    }
}
