package org.shangliang.gateway.limits;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Token buckets (Bucket4j) per key (a user, an address, a username), kept in a bounded Caffeine
 * cache so idle keys are forgotten. In-memory, per gateway instance: with several instances the
 * limit is per instance (documented; a shared store would be the next step).
 */
public final class Buckets {

    private final Cache<String, Bucket> buckets;
    private final long capacity;
    private final Duration period;

    public Buckets(long capacity, Duration period) {
        this.capacity = capacity;
        this.period = period;
        this.buckets = Caffeine.newBuilder().maximumSize(200_000)
                .expireAfterAccess(period.multipliedBy(2).plusMinutes(1)).build();
    }

    /** Takes one token for {@code key}; the answer says whether it was allowed and how long to wait if not. */
    public Decision take(String key) {
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build()).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return new Decision(probe.isConsumed(), Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999) / 1_000_000_000));
    }

    /** Whether {@code key} has a token left, without taking it (for limits that count only some outcomes). */
    public Decision peek(String key) {
        Bucket bucket = buckets.getIfPresent(key);
        if (bucket == null) {
            return new Decision(true, 0);
        }
        var probe = bucket.estimateAbilityToConsume(1);
        return new Decision(probe.canBeConsumed(), Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999) / 1_000_000_000));
    }

    /** Whether a request may pass; if not, after how many seconds to retry (the {@code Retry-After}). */
    public record Decision(boolean allowed, long retryAfterSeconds) {
    }
}
