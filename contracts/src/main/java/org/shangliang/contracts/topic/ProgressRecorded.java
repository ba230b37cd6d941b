package org.shangliang.contracts.topic;

import java.time.Instant;

import org.shangliang.contracts.IntegrationEvent;

public record ProgressRecorded(
        String topicId,
        String community,
        int percent,
        String note,
        String recordedBy,
        Instant recordedAt) implements IntegrationEvent {
}
