package org.shangliang.platform.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Group commit for a hot aggregate (a topic thousands support at once): requests to change the same
 * aggregate that arrive while one change of it is being stored wait together, and whoever takes the
 * aggregate's lock next applies all of them, in arrival order, to one loaded copy and stores them with
 * one save. The serial part then costs a few round trips per batch instead of per request, so the
 * aggregate takes as many requests per second as the machine can answer. Each request still gets its
 * own answer: its result, or its own refusal without touching the others.
 *
 * @param <C> what one request asks for
 */
public final class ChangeBatches<C> {

    /** What one request came to: a result, or the refusal it alone gets. */
    public record Outcome(Object result, RuntimeException refusal) {

        public static Outcome of(Object result) {
            return new Outcome(result, null);
        }

        public static Outcome refused(RuntimeException refusal) {
            return new Outcome(null, refusal);
        }
    }

    /** At most this many requests are applied with one save; more waiting go in the next batch. */
    static final int MOST_PER_BATCH = 500;

    /** A waiting thread that missed a wake-up looks again after this long. */
    private static final long LOOK_AGAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private static final class Waiting<C> {
        final C request;
        final Thread thread = Thread.currentThread();
        volatile Outcome outcome;

        Waiting(C request) {
            this.request = request;
        }
    }

    private final AggregateLocks locks;
    private final Map<String, Queue<Waiting<C>>> waiting = new ConcurrentHashMap<>();

    /** {@code locks}: the ones every other change of these aggregates takes, so batches and single changes never overlap. */
    public ChangeBatches(AggregateLocks locks) {
        this.locks = locks;
    }

    /**
     * Applies {@code request} to the aggregate together with whatever else waits for it. {@code apply} gets
     * a batch of requests in arrival order and answers one outcome for each, in the same order; if it
     * throws, every request of that batch gets the exception. Returns this request's result or throws its
     * refusal.
     */
    @SuppressWarnings("unchecked")
    public <R> R submit(String aggregateId, C request, Function<List<C>, List<Outcome>> apply) {
        Waiting<C> mine = new Waiting<>(request);
        Queue<Waiting<C>> queue = join(aggregateId, mine);
        ReentrantLock lock = locks.lockOf(aggregateId);
        while (mine.outcome == null) {
            if (!lock.tryLock()) {
                // the holder answers this request, or hands the lock over to the first one waiting
                LockSupport.parkNanos(this, LOOK_AGAIN_NANOS);
                continue;
            }
            try {
                // requests that were waiting for the lock may hold their answers already; the rest are in the queue
                while (mine.outcome == null) {
                    List<Waiting<C>> batch = new ArrayList<>();
                    for (Waiting<C> next; batch.size() < MOST_PER_BATCH && (next = queue.poll()) != null; ) {
                        batch.add(next);
                    }
                    if (batch.isEmpty()) {
                        throw new IllegalStateException("A request to change " + aggregateId + " was neither applied nor waiting");
                    }
                    applyBatch(batch, apply);
                }
                if (queue.isEmpty()) {
                    // a request added to this queue after the check finds itself not applied and drains it itself
                    waiting.remove(aggregateId, queue);
                }
            } finally {
                lock.unlock();
            }
            Waiting<C> next = queue.peek();
            if (next != null) {
                LockSupport.unpark(next.thread);
            }
        }
        if (mine.outcome.refusal() != null) {
            throw mine.outcome.refusal();
        }
        return (R) mine.outcome.result();
    }

    /**
     * Adds the request to the aggregate's queue, the one others wait in too: a queue taken out of the map
     * (it was empty) is left for a fresh one, unless a drainer already took the request from it.
     */
    private Queue<Waiting<C>> join(String aggregateId, Waiting<C> mine) {
        while (true) {
            Queue<Waiting<C>> queue = waiting.computeIfAbsent(aggregateId, k -> new ConcurrentLinkedQueue<>());
            queue.add(mine);
            if (waiting.get(aggregateId) == queue || !queue.remove(mine)) {
                return queue;
            }
        }
    }

    private void applyBatch(List<Waiting<C>> batch, Function<List<C>, List<Outcome>> apply) {
        List<Outcome> outcomes;
        try {
            outcomes = apply.apply(batch.stream().map(w -> w.request).toList());
            if (outcomes.size() != batch.size()) {
                throw new IllegalStateException(outcomes.size() + " outcomes for " + batch.size() + " requests");
            }
        } catch (RuntimeException e) {
            batch.forEach(w -> {
                w.outcome = Outcome.refused(e);
                LockSupport.unpark(w.thread);
            });
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).outcome = outcomes.get(i);
            LockSupport.unpark(batch.get(i).thread);
        }
    }
}
