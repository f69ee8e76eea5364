package io.sessionflow.feed.server;

import io.sessionflow.time.WallClock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;

/**
 * A {@link WallClock} that stands still until the test moves it ({@link #advanceNanos}, {@link #setNanos}), so a
 * server's schedule plays exactly as far as the test says, whatever the machine's speed. Timed waits wait for real
 * in slices of at most {@link #SLICE_NANOS} and report the time left on this clock, so a waiting sender notices a
 * move within a slice. {@link #runFree()} turns it into a clock whose waits jump to their deadline (like the core's
 * {@code ManualWallClock}): the rest of the schedule then plays at once, each event at its exact scheduled reading.
 *
 * <p>Thread-safe.
 */
final class SteppedWallClock implements WallClock {

    static final long SLICE_NANOS = 2_000_000L;

    private final AtomicLong nanos = new AtomicLong();
    private volatile boolean free;

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    void advanceNanos(long n) {
        nanos.addAndGet(n);
    }

    void advanceSeconds(double s) {
        advanceNanos(Math.round(s * 1e9));
    }

    /** Moves the clock to {@code t}; never backwards. */
    void setNanos(long t) {
        nanos.accumulateAndGet(t, Math::max);
    }

    void runFree() {
        free = true;
    }

    @Override
    public void sleepNanos(long n) throws InterruptedException {
        throw new UnsupportedOperationException("the server waits on conditions, it does not sleep");
    }

    @Override
    public long awaitNanos(Condition condition, long n) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (n <= 0) {
            return n;
        }
        long before = nanos.get();
        condition.awaitNanos(Math.min(n, SLICE_NANOS));
        if (free) {
            nanos.accumulateAndGet(before + n, Math::max);
            return 0;
        }
        return n - (nanos.get() - before);
    }
}
