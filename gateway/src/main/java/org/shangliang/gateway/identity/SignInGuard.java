package org.shangliang.gateway.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.shangliang.gateway.limits.Buckets;

/**
 * Slows password guessing without letting anyone lock a real user out. Only failures count, and
 * they count per username <em>and</em> address: after {@code freeFailures} wrong passwords for one
 * username from one address, that pair waits before its next try, twice as long after each further
 * failure (1 s, 2 s, 4 s … at most 15 minutes). The same person signing in from her own phone is
 * not held back by someone guessing from elsewhere, and a success forgets that pair's failures.
 * One address spraying many usernames is limited by its failures over all of them.
 * In memory, per gateway instance, like the other limits.
 */
public final class SignInGuard {

    static final Duration LONGEST_PAUSE = Duration.ofMinutes(15);

    private record Failures(int count, Instant last) {
    }

    private final int freeFailures;
    private final Buckets failuresPerAddress;
    private final Clock clock;
    private final Cache<String, Failures> byUsernameAndAddress = Caffeine.newBuilder().maximumSize(200_000)
            .expireAfterWrite(LONGEST_PAUSE.multipliedBy(2)).build();

    public SignInGuard(int freeFailures, Buckets failuresPerAddress, Clock clock) {
        this.freeFailures = freeFailures;
        this.failuresPerAddress = failuresPerAddress;
        this.clock = clock;
    }

    /** Seconds this username must wait before another try from this address; 0 when it may try now. */
    public long waitSeconds(String username, String address) {
        Buckets.Decision spraying = failuresPerAddress.peek(address);
        if (!spraying.allowed()) {
            return spraying.retryAfterSeconds();
        }
        Failures failures = byUsernameAndAddress.getIfPresent(key(username, address));
        if (failures == null || failures.count() < freeFailures) {
            return 0;
        }
        Duration left = Duration.between(clock.instant(), failures.last().plus(pause(failures.count())));
        return left.isNegative() || left.isZero() ? 0 : (left.toMillis() + 999) / 1000;
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        byUsernameAndAddress.asMap().merge(key(username, address), new Failures(1, now),
                (before, one) -> new Failures(before.count() + 1, now));
        failuresPerAddress.take(address);
    }

    public void succeeded(String username, String address) {
        byUsernameAndAddress.invalidate(key(username, address));
    }

    /** The wait after {@code count} failures: 1 s at the first one past the free ones, doubling, at most 15 minutes. */
    Duration pause(int count) {
        int beyond = Math.min(count - freeFailures, 20);
        Duration pause = Duration.ofSeconds(1L << beyond);
        return pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause;
    }

    private static String key(String username, String address) {
        return username.toLowerCase(Locale.ROOT) + "|" + address;
    }
}
