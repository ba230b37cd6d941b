package org.shangliang.platform.events;

import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.shangliang.contracts.EventCatalogue;
import org.shangliang.contracts.EventType;
import org.shangliang.contracts.IntegrationEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Turns a Kafka record in CloudEvents binary mode into an {@link EventEnvelope}. */
public class EventDecoder {

    private final JsonMapper json;

    public EventDecoder() {
        this.json = EventJson.MAPPER;
    }

    /**
     * The decoded event, or empty for a well-formed event of a type this version does not know
     * (consumers ignore those). A record that is not a readable event throws
     * {@link UndecodableEventException}.
     */
    public Optional<EventEnvelope<?>> decode(ConsumerRecord<String, byte[]> record) {
        CloudEventAttributes attributes = CloudEventHeaders.read(record.headers());
        Optional<EventType<?>> type = EventCatalogue.byType(attributes.type());
        if (type.isEmpty()) {
            return Optional.empty();
        }
        String contentType = CloudEventHeaders.get(record.headers(), CloudEventHeaders.CONTENT_TYPE);
        if (contentType != null && !contentType.startsWith(CloudEventHeaders.JSON)) {
            throw new UndecodableEventException("Unsupported content-type " + contentType + " for " + attributes.type());
        }
        if (record.value() == null) {
            throw new UndecodableEventException("Event " + attributes.id() + " has no data");
        }
        return Optional.of(envelope(attributes, type.get(), record.value()));
    }

    private <T extends IntegrationEvent> EventEnvelope<T> envelope(CloudEventAttributes attributes, EventType<T> type,
                                                                   byte[] value) {
        try {
            T data = json.readValue(value, type.dataClass());
            if (data == null) {
                throw new UndecodableEventException("Event " + attributes.id() + " has null data");
            }
            return new EventEnvelope<>(attributes, type, data);
        } catch (JacksonException e) {
            throw new UndecodableEventException("Data of " + attributes.type() + " " + attributes.id()
                    + " is not valid JSON for " + type.dataClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
