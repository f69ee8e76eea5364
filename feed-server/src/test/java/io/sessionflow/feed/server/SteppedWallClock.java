package io.sessionflow.feed.server;

import io.sessionflow.time.WallClock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;

/**
 * A {@link WallClock} that stands still until the test moves it ({@link #advanceNanos}, {@link #setNanos}), so a
 * server's schedule plays exactly as far as the test says, whatever the machine's speed. Timed waits wait for real
 * in slices of {@link #SLICE_NANOS} and report the time left on this clock (measured from the reading the waiting
 * thread last saw), so a waiting sender notices a move within a slice. {@link #runFree()} turns it into a clock
 * whose waits jump to their deadline at once (like the core's {@code ManualWallClock}, without its real pause): the
 * rest of the schedule then plays as fast as it can, each event at its exact scheduled reading.
 *
 * <p>Thread-safe.
 */
final class SteppedWallClock implements WallClock {

    static final long SLICE_NANOS = 2_000_000L;

    private final AtomicLong nanos = new AtomicLong();
    /** Per thread, the reading it last saw, so that a move between two of its timed waits is not lost. */
    private final ThreadLocal<long[]> lastSeen = ThreadLocal.withInitial(() -> new long[] {Long.MIN_VALUE});
    private volatile boolean free;

    @Override
    public long nanoTime() {
        long now = nanos.get();
        lastSeen.get()[0] = now;
        return now;
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
        long[] seen = lastSeen.get();
        long before = seen[0] == Long.MIN_VALUE ? nanos.get() : seen[0];
        if (free) {
            seen[0] = nanos.accumulateAndGet(before + n, Math::max);  // at once: the rest plays at full speed
            return 0;
        }
        // A whole slice of real time whatever is left on this clock: it stands still, so waiting less only spins.
        condition.awaitNanos(SLICE_NANOS);
        long now = nanos.get();
        seen[0] = now;
        return n - (now - before);
    }
}
