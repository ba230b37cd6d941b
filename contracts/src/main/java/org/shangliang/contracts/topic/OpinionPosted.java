package org.shangliang.contracts.topic;

import java.time.Instant;

import org.shangliang.contracts.IntegrationEvent;

/** An opinion (意见征集) was posted; its text stays in the topic-service. */
public record OpinionPosted(
        String topicId,
        String community,
        String opinionId,
        String authorId,
        OpinionStance stance,
        Instant postedAt) implements IntegrationEvent {
}
