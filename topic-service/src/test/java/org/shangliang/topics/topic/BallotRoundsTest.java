package org.shangliang.topics.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.shangliang.contracts.meeting.BallotRule;
import org.shangliang.contracts.meeting.Outcome;
import org.shangliang.contracts.meeting.Resolution;
import org.shangliang.contracts.topic.TopicCategory;
import org.shangliang.contracts.topic.TopicStatus;
import org.shangliang.contracts.vote.BallotClosed;
import org.shangliang.contracts.vote.BallotOutcome;
import org.shangliang.contracts.vote.Tally;

/** A vote without quorum can be held again on the same proposal; any other decision is final. */
class BallotRoundsTest {

    private static final Instant T = Instant.parse("2026-12-20T02:00:00Z");
    private static final String SCOPE = "yuejiang/yuejiang-xincun/31/3";

    private static Topic voting(String ballotId) {
        Topic t = Topic.propose("t-31", "31号楼3单元加装电梯", "", TopicCategory.ELEVATOR, SCOPE, "li.xiulan", "李秀兰", 1, T);
        t.review(true, null, "committee", T);
        t.meetingScheduled("m-1", "shangliang.meeting.scheduled.v1", T);
        t.meetingConcluded("m-1", new Outcome("t-31", SCOPE, Resolution.PUT_TO_VOTE, "按楼层分摊费用加装电梯", null, null),
                "shangliang.meeting.concluded.v1", T);
        t.ballotOpened(ballotId, "m-1", "shangliang.vote.ballot-opened.v1", T);
        return t;
    }

    private static BallotClosed closed(String ballotId, BallotOutcome outcome, long participating) {
        Tally all = new Tally(12, new BigDecimal("765.96"));
        Tally part = new Tally(participating, new BigDecimal("400.00"));
        return new BallotClosed(ballotId, "t-31", "m-1", "yuejiang", BallotRule.CIVIL_CODE_MAJOR, outcome,
                outcome != BallotOutcome.NO_QUORUM, all, part, part, new Tally(0, BigDecimal.ZERO),
                new Tally(0, BigDecimal.ZERO), T);
    }

    @Test
    void aVoteWithoutQuorumIsHeldAgainAndTheSecondRoundDecides() {
        Topic t = voting("b-1");
        t.ballotClosed(closed("b-1", BallotOutcome.NO_QUORUM, 5), "shangliang.vote.ballot-closed.v1", T);
        assertThat(t.getStatus()).isEqualTo(TopicStatus.REJECTED);

        t.ballotClosed(closed("b-1", BallotOutcome.NO_QUORUM, 5), "shangliang.vote.ballot-closed.v1", T);
        t.ballotOpened("b-1", "m-1", "shangliang.vote.ballot-opened.v1", T);
        assertThat(t.getStatus()).as("the first round redelivered changes nothing").isEqualTo(TopicStatus.REJECTED);

        t.ballotOpened("b-2", "m-1", "shangliang.vote.ballot-opened.v1", T);
        assertThat(t.getStatus()).isEqualTo(TopicStatus.VOTING);
        t.ballotClosed(closed("b-2", BallotOutcome.APPROVED, 10), "shangliang.vote.ballot-closed.v1", T);
        assertThat(t.getStatus()).isEqualTo(TopicStatus.APPROVED);
    }

    @Test
    void theSecondRoundsResultMayArriveBeforeItsOpening() {
        Topic t = voting("b-1");
        t.ballotClosed(closed("b-1", BallotOutcome.NO_QUORUM, 5), "shangliang.vote.ballot-closed.v1", T);
        t.ballotClosed(closed("b-2", BallotOutcome.APPROVED, 10), "shangliang.vote.ballot-closed.v1", T);
        assertThat(t.getStatus()).isEqualTo(TopicStatus.APPROVED);
    }

    @Test
    void aRejectedProposalIsNotVotedOnAgain() {
        Topic t = voting("b-1");
        t.ballotClosed(closed("b-1", BallotOutcome.REJECTED, 10), "shangliang.vote.ballot-closed.v1", T);
        t.ballotOpened("b-2", "m-1", "shangliang.vote.ballot-opened.v1", T);
        assertThat(t.getStatus()).isEqualTo(TopicStatus.REJECTED);
    }
}
