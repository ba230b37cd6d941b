package org.shangliang.platform.outbox;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Load-change-save with optimistic locking: a command that lost a race to another writer (a request,
 * an event, the outbox relay) is run again on fresh state, a bounded number of times.
 */
public final class Conflicts {

    public static final int ATTEMPTS = 20;

    private Conflicts() {
    }

    /**
     * Runs {@code command} (which must load what it changes) until it saves without an optimistic
     * locking conflict, at most {@value #ATTEMPTS} times with a short random pause in between.
     */
    public static <T> T retry(Supplier<T> command) {
        OptimisticLockingFailureException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return command.get();
            } catch (OptimisticLockingFailureException e) {
                last = e;
                pause(attempt);
            }
        }
        throw last;
    }

    private static void pause(int attempt) {
        long bound = Math.min(200, 5L << Math.min(attempt, 6));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, bound));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying a conflicting write", e);
        }
    }
}
