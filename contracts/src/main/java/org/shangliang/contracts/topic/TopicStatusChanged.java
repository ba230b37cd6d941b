package org.shangliang.contracts.topic;

import java.time.Instant;

import org.shangliang.contracts.IntegrationEvent;

/**
 * Every move of a topic's status, whatever caused it: a request (review, withdrawal, progress,
 * completion) or another stream's event (a meeting, a ballot). {@code cause} names what caused it
 * (for example {@code review}, {@code shangliang.meeting.scheduled.v1}); {@code decision} is set
 * when the move decided the topic.
 */
public record TopicStatusChanged(
        String topicId,
        String community,
        String scope,
        String title,
        TopicCategory category,
        String proposerId,
        TopicStatus from,
        TopicStatus to,
        String cause,
        String reason,
        Decision decision,
        String changedBy,
        Instant changedAt) implements IntegrationEvent {
}
