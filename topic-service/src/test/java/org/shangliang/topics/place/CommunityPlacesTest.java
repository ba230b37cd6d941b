package org.shangliang.topics.place;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class CommunityPlacesTest {

    private static final String HOME = "yuejiang/yuejiang-xincun/31/3/601";
    private static final CommunityPlaces ROLL = new CommunityPlaces("yuejiang", "r-1", Instant.EPOCH, List.of(
            new CommunityPlaces.Place("yuejiang/yuejiang-xincun", "越江新村"),
            new CommunityPlaces.Place("yuejiang/yuejiang-xincun/31", null),
            new CommunityPlaces.Place("yuejiang/yuejiang-xincun/31/3", null),
            new CommunityPlaces.Place("yuejiang/yuejiang-xincun/98", null),
            new CommunityPlaces.Place("yuejiang/yuejiang-xincun/98/1", null)));

    @Test
    void aResidentsHomeAndEveryPlaceAboveItExistWithoutARoll() {
        assertThat(CommunityPlaces.known("yuejiang/yuejiang-xincun/31/3/601", HOME, "yuejiang", null)).isTrue();
        assertThat(CommunityPlaces.known("yuejiang/yuejiang-xincun/31/3", HOME, "yuejiang", null)).isTrue();
        assertThat(CommunityPlaces.known("yuejiang/yuejiang-xincun", HOME, "yuejiang", null)).isTrue();
        assertThat(CommunityPlaces.known("yuejiang/yuejiang-xincun/31/2", HOME, "yuejiang", null))
                .as("the neighbouring entrance needs the roll").isFalse();
        assertThat(CommunityPlaces.known("yuejiang/yuejiang-xincun/3", HOME, "yuejiang", null))
                .as("a prefix of the text is not a place above the home").isFalse();
    }

    @Test
    void theOwnCommunityExistsForItsPeopleAndAnyCommunityWithARollForStreetStaff() {
        assertThat(CommunityPlaces.known("yuejiang", null, "yuejiang", null)).isTrue();
        assertThat(CommunityPlaces.known("yuejiang", null, null, null)).isFalse();
        assertThat(CommunityPlaces.known("yuejiang", null, null, ROLL)).isTrue();
    }

    @Test
    void estatesBuildingsAndEntrancesOfTheRollExistAndNothingElse() {
        assertThat(CommunityPlaces.known("yuejiang/yuejiang-xincun/98/1", null, "yuejiang", ROLL)).isTrue();
        assertThat(CommunityPlaces.known("yuejiang/yuejiang-xincun/99", null, "yuejiang", ROLL)).isFalse();
        assertThat(CommunityPlaces.known("yuejiang/yuejiang-xincun/98/1/201", null, "yuejiang", ROLL))
                .as("flats are not in the place list; only a resident's own flat is known").isFalse();
        assertThat(ROLL.within("yuejiang/yuejiang-xincun")).extracting(CommunityPlaces.Place::path)
                .containsExactly("yuejiang/yuejiang-xincun/31", "yuejiang/yuejiang-xincun/98");
        assertThat(ROLL.nameOf("yuejiang/yuejiang-xincun")).isEqualTo("越江新村");
        assertThat(ROLL.nameOf("yuejiang/yuejiang-xincun/98")).isNull();
    }
}
