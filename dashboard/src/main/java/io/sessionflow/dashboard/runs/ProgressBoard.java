package io.sessionflow.dashboard.runs;

import io.sessionflow.time.WallClock;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where a run's latest {@link RunProgress} is published and where readers wait for a newer one. Every publication
 * and every {@link #touch()} (a change of state, an end) advances the version, so a stream sends what changed and,
 * when nothing does, a heartbeat after its own timeout.
 *
 * <p>Threading: safe from any thread; the publisher (the coordinator's thread) holds the lock only to swap a
 * reference and signal, so a reader never slows it down by more than that.
 */
public final class ProgressBoard {

    private final WallClock wall;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile RunProgress latest = RunProgress.NONE;
    private volatile long version;

    public ProgressBoard(WallClock wall) {
        this.wall = Objects.requireNonNull(wall, "wall");
    }

    /** Makes {@code progress} the latest snapshot and wakes the readers. */
    public void publish(RunProgress progress) {
        Objects.requireNonNull(progress, "progress");
        lock.lock();
        try {
            latest = progress;
            version++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the readers without a new snapshot: the run's state changed. */
    public void touch() {
        lock.lock();
        try {
            version++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public RunProgress latest() {
        return latest;
    }

    public long version() {
        return version;
    }

    /**
     * Waits until the version is past {@code seen} or {@code timeoutNanos} of wall time have passed.
     *
     * @return the version now
     */
    public long awaitAfter(long seen, long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (version <= seen && left > 0) {
                left = wall.awaitNanos(changed, left);
            }
            return version;
        } finally {
            lock.unlock();
        }
    }
}
