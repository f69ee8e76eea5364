package io.sessionflow.feed;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: after the {@code n}-th consecutive failure (n from 1) the delay is drawn
 * uniformly from {@code [0, min(max, initial * 2^(n-1)))}. Full jitter spreads the reconnects of many clients that
 * lost the same server, so that they do not come back in one burst.
 *
 * <p>Immutable; safe to share between threads (the random generator is the caller's).
 */
public record Backoff(Duration initial, Duration max) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial backoff " + initial + " is not positive");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max backoff " + max + " is below the initial " + initial);
        }
    }

    /** The ceiling of the delay after the {@code failures}-th consecutive failure, before jitter. */
    public long ceilingNanos(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures " + failures + " is below 1");
        }
        long first = initial.toNanos();
        long cap = max.toNanos();
        int shift = Math.min(failures - 1, 62);
        // Doubling overflows long well before 2^62 for any real initial delay: stop at the cap instead.
        return first > (cap >> shift) ? cap : Math.min(cap, first << shift);
    }

    /** A delay drawn from {@code [0, ceiling)} for the {@code failures}-th consecutive failure. */
    public long delayNanos(int failures, RandomGenerator random) {
        return random.nextLong(ceilingNanos(failures));
    }
}
