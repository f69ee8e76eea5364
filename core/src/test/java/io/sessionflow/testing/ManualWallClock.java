package io.sessionflow.testing;

import io.sessionflow.time.WallClock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;

/**
 * A {@link WallClock} whose sleeps and timed waits return at once and advance its time by the requested amount, so
 * that paced backtests run instantly while their pacing stays measurable ({@link #sleptNanos()}), and a wait for
 * data that no producer will send times out after a few real milliseconds per wait. Thread-safe.
 */
public final class ManualWallClock implements WallClock {

    /** The real time a timed wait may take at most. */
    public static final long REAL_WAIT_NANOS = 1_000_000L;

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong slept = new AtomicLong();

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public void sleepNanos(long n) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (n > 0) {
            nanos.addAndGet(n);
            slept.addAndGet(n);
        }
    }

    /**
     * Waits for real at most {@link #REAL_WAIT_NANOS} (returning early when signalled), so that other threads (an
     * upkeep thread reading storage) get to run, then advances this clock by the full {@code n}: a deadline that
     * nothing meets passes after a few real milliseconds per wait.
     */
    @Override
    public long awaitNanos(Condition condition, long n) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (n > 0) {
            condition.awaitNanos(Math.min(n, REAL_WAIT_NANOS));
            nanos.addAndGet(n);
        }
        return 0;
    }

    /** Moves wall time without a sleep, as if work had taken that long. */
    public void advanceNanos(long n) {
        nanos.addAndGet(n);
    }

    /** Total time asked for through {@link #sleepNanos}. */
    public long sleptNanos() {
        return slept.get();
    }
}
