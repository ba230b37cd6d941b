package org.shangliang.platform.outbox;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.shangliang.contracts.topic.TopicSupported;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * What queuing one event costs on a request's thread (a support, a proposal), with and without a signed-in
 * person whose name goes into {@code actorname}: the same events, alternating, in one run, so the ratio
 * holds on this noisy machine. Prints PENDING-EVENT-BENCHMARK; run with
 * {@code ./mvnw -o -pl platform test -Dbenchmarks -Dtest=PendingEventBenchmarkTest}.
 */
@Tag("benchmark")
class PendingEventBenchmarkTest {

    private static final int EVENTS = 200_000;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private static long nanosPerEvent() {
        Instant now = Instant.now();
        long started = System.nanoTime();
        int chars = 0;
        for (int i = 0; i < EVENTS; i++) {
            chars += PendingEvent.of(new TopicSupported("t-31-3-elevator", "yuejiang", "zhang.weimin", i, now), now)
                    .data().length();
        }
        if (chars == 0) {
            throw new IllegalStateException("nothing was queued");
        }
        return (System.nanoTime() - started) / EVENTS;
    }

    @Test
    void queuingAnEventWithAndWithoutTheActingPersonsName() {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("zhang.weimin").claim("name", "张为民")
                .claim("roles", List.of("RESIDENT")).claim("community", "yuejiang")
                .claim("home", "yuejiang/yuejiang-xincun/31/3/602").build();
        nanosPerEvent(); // warm up
        for (int round = 1; round <= 3; round++) {
            SecurityContextHolder.clearContext();
            long without = nanosPerEvent();
            SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt));
            long with = nanosPerEvent();
            System.out.printf("PENDING-EVENT-BENCHMARK round %d: %d ns/event without a person, %d ns/event with "
                    + "(actorname), ratio %.2f%n", round, without, with, (double) with / without);
        }
    }
}
