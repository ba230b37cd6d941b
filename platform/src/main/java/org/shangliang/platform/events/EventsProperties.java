package org.shangliang.platform.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param partitions        partitions of each stream and of its DLT (they must match: a dead letter
 *                          keeps its partition)
 * @param concurrency       consumer threads of a service; by default one per partition, so every partition of a
 *                          stream is worked on at once (one aggregate's events stay on one partition, in order)
 * @param retries           redeliveries of a failing record before it goes to the DLT
 * @param initialBackOff    the first pause between retries, doubled each time
 * @param sendTimeout       how long publishing one event may take before the relay gives up for now
 */
@ConfigurationProperties("shangliang.events")
public record EventsProperties(
        Integer partitions,
        Integer concurrency,
        Integer retries,
        Duration initialBackOff,
        Duration sendTimeout) {

    public EventsProperties {
        partitions = partitions == null ? 3 : partitions;
        concurrency = concurrency == null ? partitions : concurrency;
        retries = retries == null ? 4 : retries;
        initialBackOff = initialBackOff == null ? Duration.ofMillis(200) : initialBackOff;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(20) : sendTimeout;
    }
}
