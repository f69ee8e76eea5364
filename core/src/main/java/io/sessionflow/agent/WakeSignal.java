package io.sessionflow.agent;

import io.sessionflow.time.WallClock;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes an idle agent when its input changes, and is the agent's {@link IdleStrategy}: producers call
 * {@link #wake()}; an idle runner waits for the version to move, until the agent's next deadline (or a slice when
 * it has none, so that anything that does not signal is noticed within a slice). Waits for a deadline are measured on
 * an injected {@link WallClock}; a slice without one is real time.
 *
 * <p>Thread-safe: producers on any thread, one waiting runner.
 */
public final class WakeSignal implements IdleStrategy {

    /** The longest single wait: an upper bound on how late an agent notices anything that does not signal. */
    static final long MAX_WAIT_NANOS = 50_000_000L;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final WallClock wall;
    /** Written under the lock; read without it on the agent's hot path. */
    private volatile long version;
    private long seen = -1;

    public WakeSignal(WallClock wall) {
        this.wall = wall;
    }

    /** The current version; it moves on every {@link #wake()}. */
    public long version() {
        return version;
    }

    /** The input changed, or the runner is closing: the waiting runner returns and looks at its agent again. */
    @Override
    public void wake() {
        lock.lock();
        try {
            version++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void idle(int workCount, long wakeAtNanos) throws InterruptedException {
        if (workCount > 0) {
            seen = version;
            return;
        }
        boolean deadline = wakeAtNanos != Long.MAX_VALUE;
        long wait = deadline ? wakeAtNanos - wall.nanoTime() : MAX_WAIT_NANOS;
        lock.lock();
        try {
            while (version == seen && wait > 0) {
                // A deadline is the agent's, on its wall clock; a wait for input alone is bounded in real time only,
                // so that a manual wall clock moves only by deadlines.
                wait = deadline ? wall.awaitNanos(changed, wait) : changed.awaitNanos(wait);
            }
            seen = version;
        } finally {
            lock.unlock();
        }
    }
}
