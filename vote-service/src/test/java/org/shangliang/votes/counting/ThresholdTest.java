package org.shangliang.votes.counting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shangliang.contracts.meeting.BallotRule.CIVIL_CODE_MAJOR;
import static org.shangliang.contracts.meeting.BallotRule.CIVIL_CODE_ORDINARY;
import static org.shangliang.contracts.meeting.BallotRule.SIMPLE_MAJORITY;

import org.junit.jupiter.api.Test;

class ThresholdTest {

    @Test
    void theQuorumIsTwoThirdsOfTheElectorateByAreaAndOwnersReachedExactly() {
        Threshold quorum = Threshold.quorum(CIVIL_CODE_MAJOR);
        Count electorate = new Count(12, 120_000);
        assertThat(quorum.clearedBy(new Count(8, 80_000), electorate)).as("exactly 2/3 is 以上").isTrue();
        assertThat(quorum.clearedBy(new Count(8, 79_999), electorate)).as("one hundredth of a m² short").isFalse();
        assertThat(quorum.clearedBy(new Count(7, 110_000), electorate)).as("area alone is not enough").isFalse();
        assertThat(Threshold.quorum(CIVIL_CODE_ORDINARY)).isEqualTo(quorum);
        assertThat(Threshold.quorum(SIMPLE_MAJORITY)).as("no quorum").isNull();
        assertThat(quorum.fraction()).isEqualTo("2/3");
        assertThat(quorum.ratio()).isEqualByComparingTo("0.6667");
        assertThat(quorum.of()).isEqualTo(Threshold.Basis.ELECTORATE);
    }

    @Test
    void approvalIsThreeQuartersForMajorMattersAndMoreThanHalfOtherwise() {
        Count participants = new Count(8, 80_000);
        Threshold major = Threshold.approval(CIVIL_CODE_MAJOR);
        assertThat(major.clearedBy(new Count(6, 60_000), participants)).as("exactly 3/4").isTrue();
        assertThat(major.clearedBy(new Count(6, 59_999), participants)).isFalse();
        Threshold ordinary = Threshold.approval(CIVIL_CODE_ORDINARY);
        assertThat(ordinary.clearedBy(new Count(4, 40_000), participants)).as("exactly half is not 过半数").isFalse();
        assertThat(ordinary.clearedBy(new Count(5, 40_001), participants)).isTrue();
        Threshold simple = Threshold.approval(SIMPLE_MAJORITY);
        assertThat(simple.clearedBy(new Count(5, 1), participants)).as("by head only, the area does not count").isTrue();
        assertThat(simple.byArea()).isFalse();
        assertThat(major.of()).isEqualTo(Threshold.Basis.PARTICIPATING);
        assertThat(ordinary.strictlyMore()).isTrue();
        assertThat(major.strictlyMore()).isFalse();
    }
}
