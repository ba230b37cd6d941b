package org.shangliang.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;

/** Times in the community's zone (Asia/Shanghai) whatever zone the API wrote them in. */
class DatesTest {

    private final Dates dates = new Dates();

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void instantsReadInShanghaiTime() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(dates.time("2026-12-01T11:30:00Z")).isEqualTo("2026年12月1日 19:30");
        assertThat(dates.day("2026-12-01T19:30:00.123+08:00")).isEqualTo("2026年12月1日");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(dates.time("2026-12-01T19:30:00+08:00")).isEqualTo("1 Dec 2026 19:30");
        assertThat(dates.time("not a time")).isEqualTo("not a time");
        assertThat(dates.time(null)).isEmpty();
    }

    @Test
    void aTypedLocalTimeIsSentAsAnInstantWithTheCommunitysOffset() {
        assertThat(Dates.fromInput("2026-12-01T19:30")).isEqualTo("2026-12-01T19:30+08:00");
        assertThat(dates.input("2026-12-01T11:30:00Z")).isEqualTo("2026-12-01T19:30");
        assertThat(Dates.fromInput("  ")).isNull();
        assertThat(Dates.fromInput("明天")).as("left for the API to name the field").isEqualTo("明天");
    }
}
