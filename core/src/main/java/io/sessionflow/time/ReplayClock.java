package io.sessionflow.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock for paper runs against a replayed session: it reads {@code start} until {@link #start()} is called, then
 * runs {@code speed} times as fast as the {@link WallClock} from that moment, so that a live data manager on it sees
 * an old session at the pace a replaying server sends it. Started late on purpose: the run starts it when the replay
 * begins (the server's first answer to the subscription), so that both sides count from the same moment.
 *
 * <p>Thread-safe: {@link #start()} from any thread, once or more (the first call counts); readers on any thread see
 * the start through a volatile field.
 */
public final class ReplayClock extends Clock {

    private static final long NOT_STARTED = Long.MIN_VALUE;

    private final Instant start;
    private final double speed;
    private final WallClock wall;
    private final ZoneId zone;
    /** Shared by the clocks {@link #withZone} makes, so that starting one starts them all. */
    private final Anchor anchor;

    /** When the clock started, in the wall clock's nanos; {@link #NOT_STARTED} before. Thread-safe. */
    private static final class Anchor {
        private volatile long wallNanos = NOT_STARTED;

        synchronized boolean set(long nanos) {
            if (wallNanos != NOT_STARTED) {
                return false;
            }
            wallNanos = nanos;
            return true;
        }
    }

    /**
     * A clock that reads {@code start} until started.
     *
     * @param speed how many seconds of this clock pass per wall second: finite and positive (1 is real time)
     * @throws IllegalArgumentException when {@code speed} is not a finite positive number
     */
    public ReplayClock(Instant start, double speed, WallClock wall) {
        this(start, speed, wall, ZoneOffset.UTC, new Anchor());
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("replay clock speed " + speed + " is not a finite positive number");
        }
    }

    private ReplayClock(Instant start, double speed, WallClock wall, ZoneId zone, Anchor anchor) {
        this.start = Objects.requireNonNull(start, "start");
        this.speed = speed;
        this.wall = Objects.requireNonNull(wall, "wall");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.anchor = anchor;
    }

    /** A clock already running from {@code start} at {@code speed}. */
    public static ReplayClock running(Instant start, double speed, WallClock wall) {
        ReplayClock c = new ReplayClock(start, speed, wall);
        c.start();
        return c;
    }

    /**
     * A clock that reads {@code at} when the wall clock reads {@code wallNanos}, and runs at {@code speed} on both
     * sides of it (before the anchor it reads earlier times): the clock of a replay scheduled ahead, such as a
     * feed-server's plan.
     */
    public static ReplayClock anchored(Instant at, long wallNanos, double speed, WallClock wall) {
        ReplayClock c = new ReplayClock(at, speed, wall);
        c.anchor.set(wallNanos);
        return c;
    }

    /**
     * Starts the clock now (wall time): from here it runs at its speed. Later calls change nothing.
     *
     * @return true for the call that started it
     */
    public boolean start() {
        return anchor.set(wall.nanoTime());
    }

    public boolean isStarted() {
        return anchor.wallNanos != NOT_STARTED;
    }

    /** The instant the clock reads until it is started. */
    public Instant startInstant() {
        return start;
    }

    public double speed() {
        return speed;
    }

    /**
     * How many seconds {@code clock} runs per wall second: a replay clock's speed, else 1. Graces that stand for
     * network latency are wall time; code that reads them against a market clock scales them by this.
     */
    public static double speedOf(Clock clock) {
        return clock instanceof ReplayClock r ? r.speed : 1.0;
    }

    @Override
    public Instant instant() {
        long from = anchor.wallNanos;
        if (from == NOT_STARTED) {
            return start;
        }
        long elapsed = wall.nanoTime() - from;  // negative only before an anchor set ahead
        // A double holds whole nanoseconds exactly up to 2^53 ns (104 days of scaled time): ample for a replay.
        return start.plus(Duration.ofNanos(Math.round(elapsed * speed)));
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
        return z.equals(zone) ? this : new ReplayClock(start, speed, wall, z, anchor);
    }

    @Override
    public String toString() {
        return "ReplayClock[from " + start + " at " + speed + "x, " + (isStarted() ? "running" : "not started") + "]";
    }
}
