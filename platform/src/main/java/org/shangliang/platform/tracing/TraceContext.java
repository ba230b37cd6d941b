package org.shangliang.platform.tracing;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import org.apache.kafka.common.header.Headers;

/**
 * The W3C trace context of the work in progress, kept with an event so that the trace goes on across
 * Kafka: an event is raised inside a request (or a consumed event), waits in its aggregate's outbox, and
 * is published later by the relay on another thread, where that request's span is long finished. The
 * {@code traceparent} (and {@code tracestate}) are captured when the event is raised and written as
 * record headers next to the CloudEvents attributes; Spring Kafka's listener observation continues the
 * trace from them in every consumer.
 */
public final class TraceContext {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    private static final TextMapSetter<Map<String, String>> INTO_MAP = (map, key, value) -> map.put(key, value);

    private TraceContext() {
    }

    /** The current span's {@code traceparent} ({@code tracestate} appended after a space when there is one); null outside a sampled or valid span. */
    public static String current() {
        Context context = Context.current();
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(context, carrier, INTO_MAP);
        String parent = carrier.get(TRACEPARENT);
        String state = carrier.get(TRACESTATE);
        return parent == null ? null : state == null || state.isEmpty() ? parent : parent + " " + state;
    }

    /** Writes a context captured by {@link #current()} as the record's {@code traceparent}/{@code tracestate} headers. */
    public static void write(Headers headers, String captured) {
        if (captured == null || captured.isBlank()) {
            return;
        }
        int space = captured.indexOf(' ');
        put(headers, TRACEPARENT, space < 0 ? captured : captured.substring(0, space));
        if (space > 0) {
            put(headers, TRACESTATE, captured.substring(space + 1));
        }
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
