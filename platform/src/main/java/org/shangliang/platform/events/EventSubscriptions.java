package org.shangliang.platform.events;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.shangliang.contracts.EventCatalogue;
import org.shangliang.contracts.EventType;
import org.shangliang.contracts.IntegrationEvent;

/**
 * The events a service consumes and what it does with each. A service declares one or more beans of
 * this type (one per feature); the platform subscribes to the streams they need and dispatches every
 * record to each handler of its type, in declaration order. Types nobody subscribed to are skipped.
 * Every handler must be idempotent: a record is redelivered whole when any of its handlers fails.
 */
public final class EventSubscriptions {

    private final Map<String, List<EventHandler<?>>> handlers;

    private EventSubscriptions(Map<String, List<EventHandler<?>>> handlers) {
        this.handlers = Map.copyOf(handlers);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * All subscriptions of a service in one: several features may handle the same type (the timeline and
     * the topic's status both follow a meeting's conclusion); they run one after the other, in bean order.
     */
    public static EventSubscriptions merge(Collection<EventSubscriptions> all) {
        Builder builder = builder();
        all.forEach(s -> s.handlers.forEach((type, list) -> list.forEach(h -> builder.put(type, h))));
        return builder.build();
    }

    public Set<String> streamNames() {
        Set<String> names = new TreeSet<>();
        handlers.keySet().forEach(type -> EventCatalogue.byType(type)
                .ifPresent(t -> names.add(t.stream().streamName())));
        return names;
    }

    public boolean isEmpty() {
        return handlers.isEmpty();
    }

    /** Hands the event to each of its handlers; false when nobody here consumes its type. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public boolean dispatch(EventEnvelope<?> event) {
        List<EventHandler<?>> forType = handlers.get(event.type());
        if (forType == null) {
            return false;
        }
        for (EventHandler handler : forType) {
            handler.handle(event);
        }
        return true;
    }

    public static final class Builder {

        private final Map<String, List<EventHandler<?>>> handlers = new LinkedHashMap<>();

        public <T extends IntegrationEvent> Builder on(EventType<T> type, EventHandler<T> handler) {
            return put(type.type(), handler);
        }

        private Builder put(String type, EventHandler<?> handler) {
            handlers.computeIfAbsent(type, t -> new ArrayList<>()).add(handler);
            return this;
        }

        public EventSubscriptions build() {
            return new EventSubscriptions(handlers);
        }
    }
}
