package org.shangliang.contracts.topic;

import java.math.BigDecimal;
import java.time.Instant;

import org.shangliang.contracts.IntegrationEvent;

/** A resident rated a completed topic; carries the new average, not who rated what. */
public record TopicRated(
        String topicId,
        String community,
        int stars,
        BigDecimal averageStars,
        int ratingCount,
        Instant ratedAt) implements IntegrationEvent {
}
