package io.sessionflow.time;

import java.util.concurrent.locks.Condition;

/**
 * Elapsed wall time and timed waits, used to pace a backtest at k times real time and to bound waits. It is never a
 * source of market time. Tests inject a manual implementation whose waits return at once and advance its time.
 *
 * <p>Implementations are safe to call from any thread.
 */
public interface WallClock {

    /** A monotonic reading in nanoseconds, like {@link System#nanoTime()}. */
    long nanoTime();

    /**
     * Waits up to {@code nanos}, returning early when interrupted (with the interrupt flag set again).
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    void sleepNanos(long nanos) throws InterruptedException;

    /**
     * Waits on {@code condition} (whose lock the caller holds) up to {@code nanos} of this clock's time.
     *
     * @return an estimate of the time left, as {@link Condition#awaitNanos}; 0 or less when the time passed
     */
    long awaitNanos(Condition condition, long nanos) throws InterruptedException;

    /** The JVM's monotonic clock and {@link Thread#sleep}; the only place the real clock is read. */
    static WallClock system() {
        return SystemWallClock.INSTANCE;
    }
}
