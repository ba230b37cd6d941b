package org.shangliang.votes.ballot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.shangliang.platform.domain.Rejection;
import org.shangliang.votes.counting.Choice;

/** Who may contest which vote, and what the committee may resolve: the rules without a store. */
class ContestRulesTest {

    private static final Instant VOTED = Instant.parse("2026-12-02T02:00:00Z");

    private static Elector voted(VoteChannel channel, Contest contest) {
        return new Elector("b/李秀兰", "b", "李秀兰", "li.xiulan", "李秀兰", 6_620, List.of("yuejiang/yuejiang-xincun/31/3/601"),
                channel == null ? null : Choice.AGAINST, channel, channel == null ? null : "纸质表决票 31-3-601",
                channel == null ? null : "qian.yun", "R-1", channel == null ? null : VOTED, false, null, contest, null);
    }

    private static String key(Runnable step) {
        try {
            step.run();
            return "allowed";
        } catch (Rejection r) {
            return r.key();
        }
    }

    @Test
    void onlyAVoteSomeoneElseRecordedCanBeContestedAndOnlyOnce() {
        assertThat(key(() -> voted(VoteChannel.PAPER, null).checkContestable())).isEqualTo("allowed");
        assertThat(key(() -> voted(VoteChannel.DOOR_TO_DOOR, null).checkContestable())).isEqualTo("allowed");
        assertThat(key(() -> voted(VoteChannel.ONLINE, null).checkContestable())).isEqualTo("ballot.contest.own-vote");
        assertThat(key(() -> voted(null, null).checkContestable())).isEqualTo("ballot.contest.no-vote");
        assertThat(key(() -> voted(VoteChannel.PAPER, Contest.pending("不是我", VOTED)).checkContestable()))
                .isEqualTo("ballot.contest.twice");
    }

    @Test
    void theCommitteeResolvesOnlyAPendingContestAndAVoidKeepsWhoEnteredTheVote() {
        Contest pending = Contest.pending("我没有签过字", VOTED.plusSeconds(60));
        assertThat(key(() -> voted(VoteChannel.PAPER, pending).checkResolvable())).isEqualTo("allowed");
        assertThat(key(() -> voted(VoteChannel.PAPER, null).checkResolvable())).isEqualTo("ballot.contest.none-pending");
        assertThat(key(() -> voted(VoteChannel.PAPER, pending.upheld("wang.jianguo", "核实为本人签字", VOTED))
                .checkResolvable())).isEqualTo("ballot.contest.none-pending");

        VoidedVote audit = voted(VoteChannel.PAPER, pending).voidedBy("wang.jianguo", "签字不是本人所写", VOTED.plusSeconds(120));
        assertThat(audit.recordedBy()).isEqualTo("qian.yun");
        assertThat(audit.evidence()).isEqualTo("纸质表决票 31-3-601");
        assertThat(audit.contestReason()).isEqualTo("我没有签过字");
        assertThat(audit.voidedBy()).isEqualTo("wang.jianguo");
    }
}
