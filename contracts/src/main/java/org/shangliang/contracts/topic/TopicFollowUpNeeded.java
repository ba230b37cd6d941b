package org.shangliang.contracts.topic;

import java.math.BigDecimal;
import java.time.Instant;

import org.shangliang.contracts.IntegrationEvent;

/**
 * 回头看: residents are not satisfied with a completed topic (an average under 3 stars from at least
 * 5 ratings). Raised once per topic; the committee and staff are asked to follow up.
 */
public record TopicFollowUpNeeded(
        String topicId,
        String community,
        String title,
        BigDecimal averageStars,
        int ratingCount,
        Instant at) implements IntegrationEvent {
}
