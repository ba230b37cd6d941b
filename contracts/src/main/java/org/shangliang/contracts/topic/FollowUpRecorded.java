package org.shangliang.contracts.topic;

import java.time.Instant;

import org.shangliang.contracts.IntegrationEvent;

/** The committee or staff recorded what they did to follow up a completed topic residents rated low. */
public record FollowUpRecorded(
        String topicId,
        String community,
        String title,
        String note,
        String recordedBy,
        Instant recordedAt) implements IntegrationEvent {
}
