package org.shangliang.contracts.vote;

import java.time.Instant;

import org.shangliang.contracts.IntegrationEvent;
import org.shangliang.contracts.meeting.BallotRule;

/** A ballot opened with its electorate frozen; the owners follow in {@link ElectoratePublished} parts. */
public record BallotOpened(
        String ballotId,
        String topicId,
        String meetingId,
        String community,
        String scope,
        BallotRule rule,
        String proposal,
        Instant opensAt,
        Instant closesAt,
        Tally electorate,
        int electorateParts) implements IntegrationEvent {
}
