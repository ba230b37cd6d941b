package org.shangliang.platform.events;

import org.shangliang.contracts.IntegrationEvent;

/** Applies one received event. Must be idempotent: Kafka delivers at least once. */
@FunctionalInterface
public interface EventHandler<T extends IntegrationEvent> {

    void handle(EventEnvelope<T> event);
}
