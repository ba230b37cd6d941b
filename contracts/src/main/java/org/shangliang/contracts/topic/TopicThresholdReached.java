package org.shangliang.contracts.topic;

import java.time.Instant;

import org.shangliang.contracts.IntegrationEvent;

/** Published once per topic, when its support count first reaches the community's threshold. */
public record TopicThresholdReached(
        String topicId,
        String community,
        String scope,
        String title,
        int supportCount,
        int supportThreshold,
        Instant reachedAt) implements IntegrationEvent {
}
