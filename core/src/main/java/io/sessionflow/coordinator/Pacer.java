package io.sessionflow.coordinator;

import io.sessionflow.time.WallClock;

/**
 * Backtest speed: at k times real time, simulated time t is due at the wall time that elapsed k times slower since
 * the anchor (the last session start or resume). Speed 0 means as fast as possible: everything is due at once.
 *
 * <p>Threading: coordinator thread only.
 */
final class Pacer {

    private final WallClock wall;
    private final double speed;
    private long wall0;
    private long sim0;

    Pacer(WallClock wall, double speed) {
        this.wall = wall;
        this.speed = speed;
    }

    /** Simulated time {@code simMicros} is now; pacing continues from here without a jump. */
    void anchor(long simMicros) {
        wall0 = wall.nanoTime();
        sim0 = simMicros;
    }

    /** The wall time at which {@code simMicros} is due; {@link Long#MIN_VALUE} when unpaced. */
    long dueNanos(long simMicros) {
        return speed <= 0 ? Long.MIN_VALUE : wall0 + (long) ((simMicros - sim0) * 1_000.0 / speed);
    }

    boolean isDue(long simMicros) {
        return speed <= 0 || wall.nanoTime() >= dueNanos(simMicros);
    }
}
