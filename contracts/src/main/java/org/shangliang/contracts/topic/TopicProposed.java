package org.shangliang.contracts.topic;

import java.time.Instant;

import org.shangliang.contracts.IntegrationEvent;

/** A resident proposed a topic; the proposer is its first supporter. */
public record TopicProposed(
        String topicId,
        String community,
        String scope,
        String title,
        TopicCategory category,
        String proposerId,
        String proposerName,
        int supportThreshold,
        Instant proposedAt) implements IntegrationEvent {
}
