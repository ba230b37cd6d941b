package org.shangliang.contracts.vote;

import java.time.Instant;
import java.util.List;

import org.shangliang.contracts.IntegrationEvent;

/**
 * 24 hours before closing, or when the committee reminds: one part (≤ 1,000) of the owners who have
 * not voted yet, with the turnout so far ({@code voted} of {@code electorate}; absent in v1 records
 * written before they were added).
 */
public record BallotReminderDue(
        String ballotId,
        String topicId,
        String community,
        Instant closesAt,
        int part,
        int parts,
        List<String> ownerIds,
        Tally voted,
        Tally electorate) implements IntegrationEvent {
}
