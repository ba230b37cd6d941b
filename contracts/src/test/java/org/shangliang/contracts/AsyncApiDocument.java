package org.shangliang.contracts;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The AsyncAPI 3 document the event catalogue implies: one channel per stream, one message per
 * event type with its CloudEvents headers and its payload schema derived from the record.
 */
final class AsyncApiDocument {

    private final StringBuilder out = new StringBuilder();
    private final Map<String, Class<?>> schemas = new LinkedHashMap<>();

    static String render() {
        return new AsyncApiDocument().build();
    }

    private String build() {
        line(0, "# Generated from the contracts module's EventCatalogue by AsyncApiDocumentTest; do not edit by hand.");
        line(0, "# When the catalogue changes, that test fails and writes the new version to contracts/target/asyncapi.yaml.");
        line(0, "asyncapi: 3.0.0");
        line(0, "info:");
        line(1, "title: Shangliang events");
        line(1, "version: 1.0.0");
        line(1, "description: >-");
        line(2, "Integration events between the Shangliang services. Every record is a CloudEvents 1.0 event in the Kafka");
        line(2, "protocol binding's binary mode (ce_* headers, JSON data), keyed by the topic (议题) id so one topic's");
        line(2, "events stay in order; a meeting's events are keyed by its first agenda topic, a roll's by its community.");
        line(2, "A record that cannot be");
        line(2, "processed after retries goes to <stream>.DLT. Consumers ignore types they do not know.");
        line(0, "defaultContentType: application/json");
        line(0, "servers:");
        line(1, "local:");
        line(2, "host: 127.0.0.1:9092");
        line(2, "protocol: kafka");
        line(2, "description: The local stack's broker (KRaft).");
        line(0, "channels:");
        for (EventStream stream : EventStream.values()) {
            line(1, channel(stream) + ":");
            line(2, "address: " + stream.streamName());
            line(2, "description: Published by " + stream.source() + "; dead letters in " + stream.deadLetterStreamName() + ".");
            line(2, "messages:");
            for (EventType<?> type : EventCatalogue.on(stream)) {
                line(3, message(type) + ":");
                line(4, "$ref: '#/components/messages/" + message(type) + "'");
            }
        }
        line(0, "operations:");
        for (EventStream stream : EventStream.values()) {
            line(1, "publish-" + channel(stream) + ":");
            line(2, "action: send");
            line(2, "channel:");
            line(3, "$ref: '#/channels/" + channel(stream) + "'");
            line(2, "messages:");
            for (EventType<?> type : EventCatalogue.on(stream)) {
                line(3, "- $ref: '#/channels/" + channel(stream) + "/messages/" + message(type) + "'");
            }
        }
        line(0, "components:");
        line(1, "messages:");
        for (EventType<?> type : EventCatalogue.all()) {
            line(2, message(type) + ":");
            line(3, "name: " + type.type());
            line(3, "title: " + type.dataClass().getSimpleName());
            line(3, "headers:");
            line(4, "$ref: '#/components/schemas/CloudEventHeaders'");
            line(3, "payload:");
            line(4, "$ref: '#/components/schemas/" + type.dataClass().getSimpleName() + "'");
            line(3, "bindings:");
            line(4, "kafka:");
            line(5, "key:");
            line(6, "type: string");
            boolean aboutATopic = java.util.Arrays.stream(type.dataClass().getRecordComponents())
                    .anyMatch(c -> c.getName().startsWith("topicId"));
            line(6, aboutATopic ? "description: the topic (议题) id" : "description: the community (an event about no topic)");
        }
        line(1, "schemas:");
        line(2, "CloudEventHeaders:");
        line(3, "type: object");
        line(3, "required: [ce_specversion, ce_id, ce_source, ce_type, ce_time, ce_subject, content-type]");
        line(3, "properties:");
        header("ce_specversion", "const: '1.0'");
        header("ce_id", "description: unique per event; the same for every delivery of it");
        header("ce_source", "description: the producing service, e.g. /shangliang/topic-service");
        header("ce_type", "description: shangliang.<aggregate>.<event>.v<N>");
        header("ce_time", "format: date-time");
        header("ce_subject", "description: the topic (议题) id; the community for an event about no topic (a roll)");
        header("ce_requestid", "description: the X-Request-Id of the request that caused the event");
        header("ce_actorname", "description: the display name of the person whose request caused the event (absent when the system acted by itself, e.g. a ballot closing on time)");
        header("traceparent", "pattern: '^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$'",
                "description: W3C Trace Context of the request or event that raised this one (absent when it was not traced); consumers continue the trace from it");
        header("tracestate", "description: W3C Trace Context vendor state, when the trace has one");
        header("content-type", "const: application/json");
        EventCatalogue.all().forEach(t -> collect(t.dataClass()));
        for (Class<?> type : schemas.values()) {
            schema(type);
        }
        return out.toString();
    }

    private void header(String name, String... constraints) {
        line(4, name + ":");
        line(5, "type: string");
        for (String constraint : constraints) {
            line(5, constraint);
        }
    }

    private void collect(Class<?> record) {
        if (schemas.putIfAbsent(record.getSimpleName(), record) != null) {
            return;
        }
        for (RecordComponent c : record.getRecordComponents()) {
            Class<?> nested = nestedRecord(c.getGenericType());
            if (nested != null) {
                collect(nested);
            }
        }
    }

    private static Class<?> nestedRecord(Type type) {
        if (type instanceof Class<?> c && c.isRecord()) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c && c.isRecord()) {
            return c;
        }
        return null;
    }

    private void schema(Class<?> record) {
        line(2, record.getSimpleName() + ":");
        line(3, "type: object");
        line(3, "properties:");
        for (RecordComponent c : record.getRecordComponents()) {
            line(4, c.getName() + ":");
            type(5, c.getGenericType());
        }
    }

    private void type(int depth, Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            line(depth, "type: array");
            line(depth, "items:");
            type(depth + 1, p.getActualTypeArguments()[0]);
            return;
        }
        Class<?> c = (Class<?>) type;
        if (c.isRecord()) {
            line(depth, "$ref: '#/components/schemas/" + c.getSimpleName() + "'");
        } else if (c == String.class) {
            line(depth, "type: string");
        } else if (c == int.class || c == long.class || c == Integer.class || c == Long.class) {
            line(depth, "type: integer");
        } else if (c == boolean.class || c == Boolean.class) {
            line(depth, "type: boolean");
        } else if (c == BigDecimal.class) {
            line(depth, "type: number");
            line(depth, "description: exact decimal, at most two decimals (areas in m², money in yuan)");
        } else if (c == Instant.class) {
            line(depth, "type: string");
            line(depth, "format: date-time");
        } else if (c.isEnum()) {
            line(depth, "type: string");
            line(depth, "enum: [" + Arrays.stream(c.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", ")) + "]");
        } else {
            throw new IllegalStateException("No schema for " + c);
        }
    }

    private static String channel(EventStream stream) {
        return stream.name().toLowerCase();
    }

    private static String message(EventType<?> type) {
        return type.type().replace("shangliang.", "").replace('.', '-');
    }

    private void line(int depth, String text) {
        out.append("  ".repeat(depth)).append(text).append('\n');
    }
}
