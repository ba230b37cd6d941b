package org.shangliang.votes.ballot;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import org.shangliang.votes.counting.Count;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The live turnout of the open ballots, shown on every ballot's page and in the list: at most
 * {@code shangliang.votes.turnout-kept} old (2 s), not counted again on every view.
 *
 * <p>Counting it reads every elector of the ballot that has voted (a {@code $group} in the store): for
 * a ballot of 50,000 owners that is the store's largest read, too large to repeat for every owner who
 * opens the ballot's page. Each instance counts a ballot at most once per the time kept while it is
 * viewed: a view within the second half of that time is answered with the last count while the count
 * is taken again in the background (one counting thread), and a view after it waits for a new count.
 * A ballot that has just opened has a turnout of nobody, known without counting. Closed ballots show
 * their result's participation, never this.
 */
@Component
class LiveTurnouts implements DisposableBean {

    private final LoadingCache<String, Count> counted;
    private final ExecutorService counting = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "turnout-count");
        thread.setDaemon(true);
        return thread;
    });

    LiveTurnouts(BallotStore store, @Value("${shangliang.votes.turnout-kept:2s}") Duration kept) {
        if (kept.isNegative() || kept.isZero()) {
            throw new IllegalArgumentException("shangliang.votes.turnout-kept must be positive: " + kept);
        }
        this.counted = Caffeine.newBuilder()
                .expireAfterWrite(kept)
                .refreshAfterWrite(kept.dividedBy(2).isZero() ? kept : kept.dividedBy(2))
                .maximumSize(10_000)
                .executor(counting)
                .build(new CacheLoader<>() {
                    @Override
                    public Count load(String ballotId) {
                        return store.turnout(ballotId);
                    }

                    @Override
                    public Map<String, Count> loadAll(Set<? extends String> ballotIds) {
                        Map<String, Count> turnouts = new HashMap<>(store.turnouts(List.copyOf(ballotIds)));
                        ballotIds.forEach(id -> turnouts.putIfAbsent(id, Count.NONE));
                        return turnouts;
                    }
                });
    }

    /** One open ballot's turnout. */
    Count of(String ballotId) {
        return counted.get(ballotId);
    }

    /** The turnouts of a page's open ballots; those not counted recently in one query. */
    Map<String, Count> of(Collection<String> ballotIds) {
        return ballotIds.isEmpty() ? Map.of() : counted.getAll(ballotIds);
    }

    /** The ballot has just opened: nobody has voted yet. */
    void opened(String ballotId) {
        counted.put(ballotId, Count.NONE);
    }

    @Override
    public void destroy() {
        counting.shutdownNow();
    }
}
