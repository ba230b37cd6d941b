package org.shangliang.votes.counting;

import org.shangliang.contracts.meeting.BallotRule;
import org.shangliang.contracts.vote.BallotOutcome;

/** The full count of a closed ballot: per choice, participating and electorate, the quorum and the outcome. */
public record TallyResult(BallotRule rule, Count electorate, Count participating, Count votedFor, Count votedAgainst,
                          Count abstained, boolean quorumRequired, boolean quorumMet, BallotOutcome outcome) {
}
