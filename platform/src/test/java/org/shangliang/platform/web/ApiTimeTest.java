package org.shangliang.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** Every instant an answer shows is in the community's zone (+08:00), to the second. */
class ApiTimeTest {

    @Test
    void instantsAreShownInChinaStandardTimeToTheSecond() {
        assertThat(ApiTime.of(Instant.parse("2026-12-01T11:30:05.123456789Z")).toString())
                .isEqualTo("2026-12-01T19:30:05+08:00");
        assertThat(ApiTime.of(null)).isNull();
    }
}
