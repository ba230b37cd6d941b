package org.shangliang.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;

/** Places as people say them, and what concerns a resident's home most. */
class PlacesTest {

    private final Places places = new Places();

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void scopesReadAsPlaceNamesWithBuildingAndEntranceNumbers() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(places.label("yuejiang/yuejiang-xincun/31/3")).isEqualTo("越江新村 31号楼3单元");
        assertThat(places.label("yuejiang/yuejiang-xincun/31/3/601")).isEqualTo("越江新村 31号楼3单元601室");
        assertThat(places.label("yuejiang/yuejiang-xincun")).isEqualTo("越江新村");
        assertThat(places.label("bachang")).isEqualTo("八厂社区");
        assertThat(places.label("*")).isEqualTo("全部社区");
        assertThat(places.label("nowhere/unknown-estate/7")).as("unknown parts show as they are")
                .isEqualTo("unknown-estate 7号楼");
    }

    @Test
    void inEnglishTooWithCommas() {
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(places.label("yuejiang/yuejiang-xincun/31/3")).isEqualTo("Yuejiang Xincun, Building 31, Entrance 3");
    }

    @Test
    void aResidentProposesForHerEntranceBuildingEstateOrCommunityNarrowestFirst() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(places.levelsOf("yuejiang/yuejiang-xincun/31/3/601")).extracting(Places.Level::scope)
                .containsExactly("yuejiang/yuejiang-xincun/31/3", "yuejiang/yuejiang-xincun/31",
                        "yuejiang/yuejiang-xincun", "yuejiang");
        assertThat(places.levelsOf("yuejiang/yuejiang-xincun/31/3/601")).extracting(Places.Level::kind)
                .containsExactly("entrance", "building", "estate", "community");
        assertThat(places.levelsOf(null)).isEmpty();
    }

    @Test
    void nearnessPutsMyEntranceFirstAndOtherPlacesLast() {
        String home = "yuejiang/yuejiang-xincun/31/3/601";
        assertThat(Places.nearness("yuejiang/yuejiang-xincun/31/3", home)).isZero();
        assertThat(Places.nearness("yuejiang/yuejiang-xincun/31", home)).isEqualTo(1);
        assertThat(Places.nearness("yuejiang/yuejiang-xincun", home)).isEqualTo(2);
        assertThat(Places.nearness("yuejiang", home)).isEqualTo(3);
        assertThat(Places.nearness("yuejiang/yuejiang-xincun/98", home)).isEqualTo(4);
        assertThat(Places.nearness("yuejiang/yuejiang-xincun/31/2", home)).as("another entrance of my building").isEqualTo(4);
        assertThat(Places.nearness("yuejiang/yuejiang-xincun/31", null)).isEqualTo(4);
        assertThat(places.near("yuejiang/yuejiang-xincun/31", home)).isTrue();
        assertThat(places.near("yuejiang/yuejiang-xincun", home)).isFalse();
    }
}
