package org.shangliang.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * CloudEvents 1.0, Kafka protocol binding, binary content mode: the attributes travel as {@code ce_}
 * headers and the record value is the event data. The request id is the extension attribute
 * {@code requestid}, the acting person's display name {@code actorname}. Written by hand (a dozen lines) because the CloudEvents Java SDK still depends
 * on Jackson 2 while the services run on Jackson 3.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String REQUEST_ID = "ce_requestid";
    public static final String ACTOR_NAME = "ce_actorname";
    public static final String CONTENT_TYPE = "content-type";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }

    public static void write(Headers headers, CloudEventAttributes attributes) {
        put(headers, SPEC_VERSION, "1.0");
        put(headers, ID, attributes.id());
        put(headers, SOURCE, attributes.source());
        put(headers, TYPE, attributes.type());
        put(headers, TIME, attributes.time().toString());
        put(headers, SUBJECT, attributes.subject());
        put(headers, CONTENT_TYPE, JSON);
        if (attributes.requestId() != null) {
            put(headers, REQUEST_ID, attributes.requestId());
        }
        if (attributes.actorName() != null) {
            put(headers, ACTOR_NAME, attributes.actorName());
        }
    }

    /** Reads the attributes, failing with {@link UndecodableEventException} when a required one is missing. */
    public static CloudEventAttributes read(Headers headers) {
        String version = get(headers, SPEC_VERSION);
        if (!"1.0".equals(version)) {
            throw new UndecodableEventException("Not a CloudEvents 1.0 record (ce_specversion=" + version + ")");
        }
        String time = get(headers, TIME);
        try {
            return new CloudEventAttributes(required(headers, ID), required(headers, SOURCE), required(headers, TYPE),
                    get(headers, SUBJECT), time == null ? null : Instant.parse(time), get(headers, REQUEST_ID),
                    get(headers, ACTOR_NAME));
        } catch (DateTimeParseException e) {
            throw new UndecodableEventException("ce_time is not an RFC 3339 timestamp: " + time);
        }
    }

    private static String required(Headers headers, String name) {
        String value = get(headers, name);
        if (value == null || value.isBlank()) {
            throw new UndecodableEventException("CloudEvents attribute missing: " + name);
        }
        return value;
    }

    static String get(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
