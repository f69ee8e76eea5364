package io.sessionflow.testing;

import io.sessionflow.time.WallClock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;

/**
 * A {@link WallClock} whose sleeps and timed waits return at once and advance its time by the requested amount, so
 * that paced backtests run instantly while their pacing stays measurable ({@link #sleptNanos()}), and a wait for
 * data that no producer will send times out at once. Use it only where producers have finished before the waiting
 * starts. Thread-safe.
 */
public final class ManualWallClock implements WallClock {

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

    @Override
    public long awaitNanos(Condition condition, long n) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (n > 0) {
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
