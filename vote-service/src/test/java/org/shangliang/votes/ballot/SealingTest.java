package org.shangliang.votes.ballot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.shangliang.contracts.vote.OfflineVoteRecorded;
import org.shangliang.platform.outbox.PendingEvent;
import org.shangliang.votes.VoteServiceTestSupport;
import org.shangliang.votes.counting.Choice;
import org.shangliang.votes.counting.Count;
import org.shangliang.votes.counting.Tally;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Closing seals only the electors whose vote could still change, then counts in the store. Whatever reaches the
 * store after that (a request that passed the time check just before the closing time) changes nothing counted:
 * no vote of a holder who had none, no paper vote, no contest of a paper vote, no void of a contested one.
 */
class SealingTest extends VoteServiceTestSupport {

    @Autowired
    BallotStore store;

    @Test
    void afterTheCountNoVoteLandsAndNoCountedVoteIsVoidedOrContested() {
        String ballot = "b-" + UUID.randomUUID();
        Instant now = Instant.now();
        store.insertElectors(List.of(
                Elector.notYetVoted(ballot, "周建华", "zhou.jianhua", "周建华", 6_620, List.of("31/3/101"), null),
                Elector.notYetVoted(ballot, "吴美芳", "wu.meifang", "吴美芳", 6_146, List.of("31/3/102"), null),
                Elector.notYetVoted(ballot, "郑海波", "zheng.haibo", "郑海波", 6_620, List.of("31/3/201"), null),
                Elector.notYetVoted(ballot, "孙丽华", "sun.lihua", "孙丽华", 6_146, List.of("31/3/202"), null),
                Elector.notYetVoted(ballot, "赵磊", "zhao.lei", "赵磊", 6_620, List.of("31/3/301"), null)));
        assertThat(store.recordOnlineVote(ballot, "zhou.jianhua", Choice.FOR, "R-1", now)).isPresent();
        Elector paper = store.recordOfflineVote(elector(ballot, "wu.meifang"), Choice.AGAINST, VoteChannel.PAPER,
                "纸质表决票 No.031-102", "qian.yun", "R-2", now, notice(ballot, "吴美芳", "wu.meifang")).orElseThrow();
        Elector contested = store.recordOfflineVote(elector(ballot, "zheng.haibo"), Choice.FOR, VoteChannel.DOOR_TO_DOOR,
                "入户签字", "qian.yun", "R-3", now, notice(ballot, "郑海波", "zheng.haibo")).orElseThrow();
        contested = store.contest(contested, Contest.pending("我没有签过字", now), notice(ballot, "郑海波", "zheng.haibo"))
                .orElseThrow();

        Map<Choice, Count> counted = byChoice(store.sealAndCount(ballot));
        assertThat(counted.get(Choice.FOR)).isEqualTo(new Count(2, 13_240));
        assertThat(counted.get(Choice.AGAINST)).isEqualTo(new Count(1, 6_146));
        assertThat(counted.get(null)).as("孙丽华 and 赵磊 did not vote").isEqualTo(new Count(2, 12_766));

        assertThat(store.recordOnlineVote(ballot, "sun.lihua", Choice.FOR, "R-4", now)).as("a late online vote").isEmpty();
        assertThat(store.recordOfflineVote(elector(ballot, "zhao.lei"), Choice.FOR, VoteChannel.ON_SITE, "现场", "qian.yun",
                "R-5", now, notice(ballot, "赵磊", "zhao.lei"))).as("a late offline vote").isEmpty();
        assertThat(store.contest(paper, Contest.pending("不是我投的", now), notice(ballot, "吴美芳", "wu.meifang")))
                .as("a late contest of a paper vote").isEmpty();
        assertThat(store.voidVote(contested, contested.voidedBy("qian.yun", "核实非本人签字", now),
                notice(ballot, "郑海波", "zheng.haibo"))).as("a late void of a contested vote").isEmpty();
        assertThat(byChoice(store.sealAndCount(ballot))).as("counted again, the same").isEqualTo(counted);
    }

    private Elector elector(String ballot, String ownerId) {
        return store.elector(ballot, new Voter.Owner(ownerId)).orElseThrow();
    }

    private static PendingEvent notice(String ballot, String holder, String ownerId) {
        return PendingEvent.of(new OfflineVoteRecorded(ballot, "t-1", "yuejiang", holder, ownerId, List.of("31/3/1"),
                "PAPER", "纸质表决票", "qian.yun", Instant.now()), Instant.now());
    }

    private static Map<Choice, Count> byChoice(List<Tally.Group> groups) {
        return groups.stream().collect(Collectors.toMap(Tally.Group::choice, Tally.Group::holders, Count::plus,
                java.util.HashMap::new));
    }
}
