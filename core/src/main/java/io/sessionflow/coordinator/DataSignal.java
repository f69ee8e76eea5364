package io.sessionflow.coordinator;

import io.sessionflow.time.WallClock;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes the coordinator when any of its input queues receives something: producers {@link #signal()}, the
 * coordinator waits for the version to move with a timeout measured on its {@link WallClock}.
 *
 * <p>Thread-safe: producers on any thread, one waiting consumer.
 */
final class DataSignal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Written under the lock, read without it on the coordinator's hot path. */
    private volatile long version;

    long version() {
        return version;
    }

    void signal() {
        lock.lock();
        try {
            version++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the version differs from {@code seen} or {@code timeoutNanos} of wall time pass.
     *
     * @return true when something arrived
     */
    boolean awaitChange(long seen, long timeoutNanos, WallClock wall) throws InterruptedException {
        lock.lock();
        try {
            long remaining = timeoutNanos;
            while (version == seen && remaining > 0) {
                remaining = wall.awaitNanos(changed, remaining);
            }
            return version != seen;
        } finally {
            lock.unlock();
        }
    }
}
