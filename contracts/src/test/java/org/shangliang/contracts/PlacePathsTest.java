package org.shangliang.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlacePathsTest {

    @Test
    void aPlaceIsWithinItselfAndEveryAreaAboveItPartByPart() {
        String flat = "yuejiang/yuejiang-xincun/31/3/601";
        assertThat(PlacePaths.within(flat, "yuejiang/yuejiang-xincun/31")).isTrue();
        assertThat(PlacePaths.within(flat, flat)).isTrue();
        assertThat(PlacePaths.within(flat, "yuejiang")).isTrue();
        assertThat(PlacePaths.within(flat, "yuejiang/yuejiang-xincun/3")).as("not a prefix of the text").isFalse();
        assertThat(PlacePaths.within("yuejiang/yuejiang-xincun/31", flat)).as("an area is not within its flat").isFalse();
        assertThat(PlacePaths.within(null, "yuejiang")).isFalse();
        assertThat(PlacePaths.within(flat, null)).isFalse();
    }
}
