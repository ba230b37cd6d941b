package org.shangliang.votes.ballot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.shangliang.platform.domain.Rejection;
import org.shangliang.votes.counting.Choice;

class CanvassTest {

    private static final String ESTATE = "bachang/yijiaqiao-xincun";

    private static Elector elector(String holder, VoteChannel votedBy, String... flats) {
        return new Elector("b/" + holder, "b", holder, holder, holder, 6_000, List.of(flats),
                votedBy == null ? null : Choice.FOR, votedBy, null, null, null,
                votedBy == null ? null : Instant.parse("2026-12-02T02:00:00Z"), false, null, null, null);
    }

    @Test
    void flatsAreListedByBuildingAndEntranceInTheOrderPeopleCountWithoutChoices() {
        Canvass canvass = Canvass.within(ESTATE, ESTATE + "/7");
        canvass.add(elector("王国华", VoteChannel.ONLINE, ESTATE + "/7/1/1001", ESTATE + "/7/2/601"));
        canvass.add(elector("李秀兰", null, ESTATE + "/7/1/601"));
        canvass.add(elector("赵磊", VoteChannel.DOOR_TO_DOOR, ESTATE + "/7/10/101"));
        Canvass.View view = canvass.view("b", BallotStatus.OPEN);

        assertThat(view.owners().owners()).isEqualTo(3);
        assertThat(view.owners().voted()).isEqualTo(2);
        assertThat(view.owners().notYet()).isEqualTo(1);
        assertThat(view.owners().byChannel()).containsEntry(VoteChannel.ONLINE, 1L)
                .containsEntry(VoteChannel.DOOR_TO_DOOR, 1L).containsEntry(VoteChannel.PAPER, 0L);
        assertThat(view.flatsListed()).isTrue();
        var building = view.buildings().get(0);
        assertThat(building.flatCount()).isEqualTo(4);
        assertThat(building.votedCount()).isEqualTo(3);
        assertThat(building.entrances()).extracting(Canvass.Entrance::place)
                .containsExactly(ESTATE + "/7/1", ESTATE + "/7/2", ESTATE + "/7/10");
        assertThat(building.entrances().get(0).flats()).extracting(Canvass.Flat::flat)
                .containsExactly(ESTATE + "/7/1/601", ESTATE + "/7/1/1001");
        assertThat(building.entrances().get(0).flats().get(0).voted()).isFalse();
        assertThat(building.entrances().get(1).flats().get(0).holder()).isEqualTo("王国华");
    }

    @Test
    void aCommunityWideCanvassGivesCountsOnly() {
        Canvass canvass = Canvass.within("bachang", "bachang");
        canvass.add(elector("李秀兰", null, ESTATE + "/7/1/601"));
        Canvass.View view = canvass.view("b", BallotStatus.OPEN);
        assertThat(view.flatsListed()).isFalse();
        assertThat(view.buildings().get(0).entrances().get(0).flats()).isNull();
        assertThat(view.buildings().get(0).entrances().get(0).flatCount()).isEqualTo(1);
    }

    @Test
    void aPlaceOutsideTheScopeIsRefused() {
        assertThatThrownBy(() -> Canvass.within(ESTATE + "/7", ESTATE + "/8"))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.properties()).containsEntry("field", "within"));
        assertThatThrownBy(() -> Canvass.within(ESTATE + "/7", ESTATE + "/70")).isInstanceOf(Rejection.class);
    }
}
