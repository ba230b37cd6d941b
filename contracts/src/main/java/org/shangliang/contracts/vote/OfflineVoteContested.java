package org.shangliang.contracts.vote;

import java.time.Instant;

import org.shangliang.contracts.IntegrationEvent;

/** An owner says a vote recorded for her offline is not hers; the committee is asked to resolve it before closing. */
public record OfflineVoteContested(
        String ballotId,
        String topicId,
        String community,
        String holder,
        String ownerId,
        String reason,
        Instant contestedAt) implements IntegrationEvent {
}
