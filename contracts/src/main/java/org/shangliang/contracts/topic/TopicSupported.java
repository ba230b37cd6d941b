package org.shangliang.contracts.topic;

import java.time.Instant;

import org.shangliang.contracts.IntegrationEvent;

public record TopicSupported(
        String topicId,
        String community,
        String supporterId,
        int supportCount,
        Instant supportedAt) implements IntegrationEvent {
}
