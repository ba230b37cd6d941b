package org.shangliang.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PlaceNamesTest {

    private static final Map<String, String> ROLL = Map.of(
            "yuejiang/yuejiang-xincun", "越江新村（东区）",
            "yuejiang/yuejiang-xincun/7", "七号楼");

    @Test
    void namesTheRollGaveComeFirst() {
        assertThat(PlaceNames.of("yuejiang/yuejiang-xincun/7/2", ROLL::get, "zh-CN")).isEqualTo("越江新村（东区） 七号楼2单元");
        assertThat(PlaceNames.of("yuejiang/yuejiang-xincun/31", ROLL::get, "zh-CN")).isEqualTo("越江新村（东区） 31号楼");
    }

    @Test
    void withoutARollNameTheConfiguredLabelsAndNumberPatternsAreUsed() {
        assertThat(PlaceNames.of("yuejiang/yuejiang-xincun/31/3/601", p -> null, "zh-CN")).isEqualTo("越江新村 31号楼3单元601室");
        assertThat(PlaceNames.of("yuejiang/yuejiang-xincun/31/3", p -> null, "en"))
                .isEqualTo("Yuejiang Xincun, Building 31, Entrance 3");
        assertThat(PlaceNames.of("bachang", p -> null, "zh-CN")).isEqualTo("八厂社区");
        assertThat(PlaceNames.of("*", p -> null, "en")).isEqualTo("All communities");
    }

    @Test
    void anUnknownSlugIsShownAsItIs() {
        assertThat(PlaceNames.of("xinhua/xinhua-yuan/4", p -> null, "zh-CN")).isEqualTo("xinhua-yuan 4号楼");
        assertThat(PlaceNames.of("xinhua", p -> null, "zh-CN")).isEqualTo("xinhua");
    }
}
