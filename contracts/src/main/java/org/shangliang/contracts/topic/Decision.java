package org.shangliang.contracts.topic;

import java.time.Instant;

/** How a topic was decided; {@code outcome} is APPROVED, REJECTED or NO_QUORUM. */
public record Decision(String outcome, DecisionSource source, String ballotId, Instant decidedAt) {
}
