package org.shangliang.platform.outbox;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises changes to one aggregate inside this instance (striped locks), so many requests on the
 * same aggregate queue up instead of losing optimistic-locking races to each other. Correctness does
 * not depend on it: the version check on save still guards against other instances.
 */
public final class AggregateLocks {

    private final ReentrantLock[] stripes;

    public AggregateLocks(int stripes) {
        this.stripes = new ReentrantLock[stripes];
        for (int i = 0; i < stripes; i++) {
            this.stripes[i] = new ReentrantLock();
        }
    }

    public <T> T with(String aggregateId, Supplier<T> work) {
        ReentrantLock lock = lockOf(aggregateId);
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** The lock of this aggregate's stripe. */
    ReentrantLock lockOf(String aggregateId) {
        return stripes[Math.floorMod(aggregateId.hashCode(), stripes.length)];
    }
}
