package org.shangliang.platform.events;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/** Starts and stops the service's event consumer with the application context. */
public class EventListenerContainer implements SmartLifecycle {

    private final ConcurrentMessageListenerContainer<String, byte[]> container;

    EventListenerContainer(ConcurrentMessageListenerContainer<String, byte[]> container) {
        this.container = container;
    }

    @Override
    public void start() {
        if (container != null) {
            container.start();
        }
    }

    @Override
    public void stop() {
        if (container != null) {
            container.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return container != null && container.isRunning();
    }

    /** Consumers start after everything else (the outbox relay and web server included). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
