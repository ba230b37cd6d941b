package org.shangliang.platform.events;

import java.time.Instant;

import org.shangliang.contracts.EventType;
import org.shangliang.contracts.IntegrationEvent;

/** A received event: its CloudEvents attributes, its catalogue entry and its data. */
public record EventEnvelope<T extends IntegrationEvent>(CloudEventAttributes attributes, EventType<T> eventType,
                                                        T data) {

    /** The CloudEvents id: the same for every delivery of one event, the key of idempotency. */
    public String id() {
        return attributes.id();
    }

    public String type() {
        return attributes.type();
    }

    public Instant time() {
        return attributes.time();
    }

    public String requestId() {
        return attributes.requestId();
    }

    /** The display name of the person whose request caused the event, or null when the system did it by itself. */
    public String actorName() {
        return attributes.actorName();
    }
}
