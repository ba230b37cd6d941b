package org.shangliang.topics.topic;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises changes to one topic inside this instance (striped locks), so fifty residents
 * supporting at once queue up instead of losing optimistic-locking races to each other. Correctness
 * does not depend on it: the version check on save still guards against other instances.
 */
final class TopicLocks {

    private final ReentrantLock[] stripes = new ReentrantLock[256];

    TopicLocks() {
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    <T> T with(String topicId, Supplier<T> work) {
        ReentrantLock lock = stripes[Math.floorMod(topicId.hashCode(), stripes.length)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
