package org.shangliang.votes.counting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.shangliang.contracts.Labels;
import org.shangliang.votes.ballot.BallotStatus;
import org.shangliang.votes.ballot.Contest;
import org.shangliang.votes.ballot.VoteChannel;

/** Every enum value vote-service answers with has a label in both languages (GET /api/labels). */
class LabelsCoverageTest {

    @Test
    void everyValueHasBothLabels() {
        assertThat(Labels.missing("choice", Choice.values())).isEmpty();
        assertThat(Labels.missing("channel", VoteChannel.values())).isEmpty();
        assertThat(Labels.missing("ballotStatus", BallotStatus.values())).isEmpty();
        assertThat(Labels.missing("contestStatus", Contest.Status.values())).isEmpty();
        assertThat(Labels.missing("contestDecision", Contest.Decision.values())).isEmpty();
        assertThat(Labels.missing("shareOf", Threshold.Basis.values())).isEmpty();
    }
}
