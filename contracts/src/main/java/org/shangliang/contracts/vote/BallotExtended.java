package org.shangliang.contracts.vote;

import java.time.Instant;

import org.shangliang.contracts.IntegrationEvent;

/**
 * The committee or staff moved an open ballot's closing time later, with a reason; everyone in the
 * electorate is told. Votes already cast stay; the reminder before closing follows the new time.
 */
public record BallotExtended(
        String ballotId,
        String topicId,
        String community,
        Instant previousClosesAt,
        Instant closesAt,
        String reason,
        String extendedBy,
        Instant extendedAt) implements IntegrationEvent {
}
