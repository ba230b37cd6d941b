package org.shangliang.platform.events;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.shangliang.contracts.EventType;
import org.shangliang.contracts.IntegrationEvent;

/**
 * The events a service consumes and what it does with each. A service declares one or more beans of
 * this type; the platform subscribes to the streams they need and dispatches every record. Types
 * nobody subscribed to are skipped.
 */
public final class EventSubscriptions {

    private final Map<String, EventHandler<?>> handlers;

    private EventSubscriptions(Map<String, EventHandler<?>> handlers) {
        this.handlers = Map.copyOf(handlers);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** All subscriptions of a service in one; one type may have one handler only. */
    public static EventSubscriptions merge(Collection<EventSubscriptions> all) {
        Builder builder = builder();
        all.forEach(s -> s.handlers.forEach(builder::put));
        return builder.build();
    }

    public Set<String> streamNames() {
        Set<String> names = new TreeSet<>();
        handlers.keySet().forEach(type -> org.shangliang.contracts.EventCatalogue.byType(type)
                .ifPresent(t -> names.add(t.stream().streamName())));
        return names;
    }

    public boolean isEmpty() {
        return handlers.isEmpty();
    }

    /** Hands the event to its handler; false when nobody here consumes its type. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public boolean dispatch(EventEnvelope<?> event) {
        EventHandler handler = handlers.get(event.type());
        if (handler == null) {
            return false;
        }
        handler.handle(event);
        return true;
    }

    public static final class Builder {

        private final Map<String, EventHandler<?>> handlers = new LinkedHashMap<>();

        public <T extends IntegrationEvent> Builder on(EventType<T> type, EventHandler<T> handler) {
            return put(type.type(), handler);
        }

        private Builder put(String type, EventHandler<?> handler) {
            if (handlers.putIfAbsent(type, handler) != null) {
                throw new IllegalStateException("Two handlers for " + type);
            }
            return this;
        }

        public EventSubscriptions build() {
            return new EventSubscriptions(handlers);
        }
    }
}
