package org.shangliang.contracts.vote;

import java.time.Instant;

import org.shangliang.contracts.IntegrationEvent;
import org.shangliang.contracts.meeting.BallotRule;

/** The ballot closed and was counted: totals per choice, never individual choices. */
public record BallotClosed(
        String ballotId,
        String topicId,
        String meetingId,
        String community,
        BallotRule rule,
        BallotOutcome outcome,
        boolean quorumMet,
        Tally electorate,
        Tally participating,
        Tally votedFor,
        Tally votedAgainst,
        Tally abstained,
        Instant closedAt) implements IntegrationEvent {
}
