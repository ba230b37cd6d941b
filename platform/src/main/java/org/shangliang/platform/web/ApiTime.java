package org.shangliang.platform.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * Timestamps in API answers: ISO-8601 with the offset of China Standard Time, to the second, as
 * API.md shows ({@code 2026-03-01T19:30:00+08:00}); never the clock's nanoseconds. Stored and
 * compared as {@link Instant}s.
 */
public final class ApiTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ApiTime() {
    }

    public static OffsetDateTime of(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZONE);
    }
}
