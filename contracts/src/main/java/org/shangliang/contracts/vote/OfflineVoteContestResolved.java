package org.shangliang.contracts.vote;

import java.time.Instant;

import org.shangliang.contracts.IntegrationEvent;

/**
 * The committee resolved an owner's contest of an offline vote: {@code VOIDED} (the vote no longer
 * counts and she may vote again while the ballot is open) or {@code UPHELD}, with its reason.
 */
public record OfflineVoteContestResolved(
        String ballotId,
        String topicId,
        String community,
        String holder,
        String ownerId,
        String decision,
        String reason,
        String resolvedBy,
        Instant resolvedAt) implements IntegrationEvent {
}
