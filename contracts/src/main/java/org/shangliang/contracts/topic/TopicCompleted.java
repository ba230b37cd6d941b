package org.shangliang.contracts.topic;

import java.time.Instant;

import org.shangliang.contracts.IntegrationEvent;

/** Implementation finished; supporters are invited to rate the result. */
public record TopicCompleted(
        String topicId,
        String community,
        String title,
        String note,
        String completedBy,
        Instant completedAt) implements IntegrationEvent {
}
