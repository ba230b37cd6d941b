package org.shangliang.votes.counting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shangliang.contracts.meeting.BallotRule.CIVIL_CODE_MAJOR;
import static org.shangliang.contracts.meeting.BallotRule.CIVIL_CODE_ORDINARY;
import static org.shangliang.contracts.meeting.BallotRule.SIMPLE_MAJORITY;
import static org.shangliang.votes.counting.Choice.ABSTAIN;
import static org.shangliang.votes.counting.Choice.AGAINST;
import static org.shangliang.votes.counting.Choice.FOR;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.shangliang.contracts.vote.BallotOutcome;

/** The boundaries API.md names, one by one. Areas are in hundredths of a m² (100 = 1 m²). */
class TallyTest {

    /** {@code n} holders of equal area, the first ones voting as given, the rest not voting. */
    private static List<Tally.Counted> equalHolders(int n, Choice... votes) {
        List<Tally.Counted> holders = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            holders.add(new Tally.Counted(10_000, i < votes.length ? votes[i] : null));
        }
        return holders;
    }

    private static Choice[] repeat(int times, Choice choice, Choice... then) {
        Choice[] all = new Choice[times + then.length];
        java.util.Arrays.fill(all, 0, times, choice);
        System.arraycopy(then, 0, all, times, then.length);
        return all;
    }

    @Test
    void exactlyTwoThirdsParticipatingMeetsTheQuorum() {
        // 12 equal holders, 8 vote (exactly 2/3 by head and by area), all FOR
        var result = Tally.count(CIVIL_CODE_MAJOR, equalHolders(12, repeat(8, FOR)));
        assertThat(result.quorumMet()).isTrue();
        assertThat(result.outcome()).isEqualTo(BallotOutcome.APPROVED);
    }

    @Test
    void justUnderTwoThirdsIsNoQuorum() {
        var result = Tally.count(CIVIL_CODE_MAJOR, equalHolders(12, repeat(7, FOR)));
        assertThat(result.quorumMet()).isFalse();
        assertThat(result.outcome()).isEqualTo(BallotOutcome.NO_QUORUM);
    }

    @Test
    void theQuorumNeedsBothAreaAndHeadcount() {
        // 3 holders: a big one (200 m²) and two small ones (50 m² each); only the big one votes:
        // area 200/300 = exactly 2/3, owners 1/3 → no quorum
        var bigOnly = Tally.count(CIVIL_CODE_ORDINARY, List.of(new Tally.Counted(20_000, FOR),
                new Tally.Counted(5_000, null), new Tally.Counted(5_000, null)));
        assertThat(bigOnly.outcome()).isEqualTo(BallotOutcome.NO_QUORUM);
        // the two small ones vote: owners 2/3 but area 100/300 → no quorum
        var smallOnly = Tally.count(CIVIL_CODE_ORDINARY, List.of(new Tally.Counted(20_000, null),
                new Tally.Counted(5_000, FOR), new Tally.Counted(5_000, FOR)));
        assertThat(smallOnly.outcome()).isEqualTo(BallotOutcome.NO_QUORUM);
    }

    @Test
    void exactlyThreeQuartersForPassesAMajorMatterAndJustUnderFails() {
        // 12 vote: 9 FOR (exactly 3/4), 3 AGAINST
        assertThat(Tally.count(CIVIL_CODE_MAJOR, equalHolders(12, repeat(9, FOR, AGAINST, AGAINST, AGAINST))).outcome())
                .isEqualTo(BallotOutcome.APPROVED);
        // 12 vote: 8 FOR, 4 AGAINST (2/3 < 3/4)
        assertThat(Tally.count(CIVIL_CODE_MAJOR, equalHolders(12, repeat(8, FOR, AGAINST, AGAINST, AGAINST, AGAINST)))
                .outcome()).isEqualTo(BallotOutcome.REJECTED);
    }

    @Test
    void aMajorMatterNeedsThreeQuartersOfBothAreaAndHeads() {
        // heads 3/4 FOR but FOR area short: three FOR of 50 m², one AGAINST of 200 m²
        var result = Tally.count(CIVIL_CODE_MAJOR, List.of(new Tally.Counted(5_000, FOR), new Tally.Counted(5_000, FOR),
                new Tally.Counted(5_000, FOR), new Tally.Counted(20_000, AGAINST)));
        assertThat(result.quorumMet()).isTrue();
        assertThat(result.outcome()).isEqualTo(BallotOutcome.REJECTED);
    }

    @Test
    void exactlyHalfIsNotAMajorityForAnOrdinaryMatter() {
        assertThat(Tally.count(CIVIL_CODE_ORDINARY, equalHolders(12, repeat(5, FOR, AGAINST, AGAINST, AGAINST, AGAINST,
                AGAINST))).outcome()).isEqualTo(BallotOutcome.REJECTED);
        assertThat(Tally.count(CIVIL_CODE_ORDINARY, equalHolders(12, repeat(6, FOR, AGAINST, AGAINST, AGAINST, AGAINST,
                AGAINST))).outcome()).isEqualTo(BallotOutcome.APPROVED);
    }

    @Test
    void abstentionsParticipateWithoutAgreeing() {
        // 12 vote: 8 FOR, 4 ABSTAIN → quorum by the abstainers, but 8/12 < 3/4
        var result = Tally.count(CIVIL_CODE_MAJOR, equalHolders(12, repeat(8, FOR, ABSTAIN, ABSTAIN, ABSTAIN, ABSTAIN)));
        assertThat(result.participating().owners()).isEqualTo(12);
        assertThat(result.abstained().owners()).isEqualTo(4);
        assertThat(result.outcome()).isEqualTo(BallotOutcome.REJECTED);
        // without the abstainers: 8 of 12 holders is still quorum, and 8/8 FOR passes
        assertThat(Tally.count(CIVIL_CODE_MAJOR, equalHolders(12, repeat(8, FOR))).outcome()).isEqualTo(BallotOutcome.APPROVED);
    }

    @Test
    void aSimpleMajorityCountsHeadsOfVotesCastWithoutQuorumOrArea() {
        var result = Tally.count(SIMPLE_MAJORITY, List.of(new Tally.Counted(100_000, AGAINST), new Tally.Counted(100, FOR),
                new Tally.Counted(100, FOR), new Tally.Counted(100, null), new Tally.Counted(100, null)));
        assertThat(result.quorumRequired()).isFalse();
        assertThat(result.outcome()).isEqualTo(BallotOutcome.APPROVED);
        assertThat(Tally.count(SIMPLE_MAJORITY, equalHolders(4, FOR, AGAINST)).outcome()).isEqualTo(BallotOutcome.REJECTED);
        assertThat(Tally.count(SIMPLE_MAJORITY, equalHolders(4)).outcome()).isEqualTo(BallotOutcome.REJECTED);
    }

    @Test
    void totalsPerChoiceAddUp() {
        var result = Tally.count(CIVIL_CODE_ORDINARY, List.of(new Tally.Counted(8_123, FOR), new Tally.Counted(6_620, AGAINST),
                new Tally.Counted(6_146, ABSTAIN), new Tally.Counted(7_001, null)));
        assertThat(result.electorate()).isEqualTo(new Count(4, 27_890));
        assertThat(result.participating()).isEqualTo(new Count(3, 20_889));
        assertThat(result.votedFor().area()).isEqualByComparingTo("81.23");
        assertThat(result.votedAgainst()).isEqualTo(new Count(1, 6_620));
        assertThat(result.abstained()).isEqualTo(new Count(1, 6_146));
    }
}
