package org.shangliang.platform.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param sweepInterval how often every outbox is swept for events left by a crash or an outage
 * @param leaseTtl      how long one relay may hold an aggregate's outbox; longer than any send
 * @param relayThreads  how many batches of aggregates are relayed at once
 * @param batchSize     how many aggregates one relay thread takes at once (their events are sent together)
 */
@ConfigurationProperties("shangliang.outbox")
public record OutboxProperties(Duration sweepInterval, Duration leaseTtl, Integer relayThreads, Integer batchSize) {

    public OutboxProperties {
        sweepInterval = sweepInterval == null ? Duration.ofSeconds(2) : sweepInterval;
        leaseTtl = leaseTtl == null ? Duration.ofSeconds(60) : leaseTtl;
        relayThreads = relayThreads == null || relayThreads < 1 ? 4 : relayThreads;
        batchSize = batchSize == null || batchSize < 1 ? 200 : batchSize;
    }
}
