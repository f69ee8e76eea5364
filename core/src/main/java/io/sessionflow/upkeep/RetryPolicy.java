package io.sessionflow.upkeep;

import java.time.Duration;
import java.util.Objects;

/**
 * How storage failures are retried: {@code attempts} in all, waiting {@code firstBackoff} after the first failure and
 * doubling up to {@code maxBackoff}.
 *
 * <p>Immutable.
 */
public record RetryPolicy(int attempts, Duration firstBackoff, Duration maxBackoff) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(5));

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("retry attempts " + attempts + " is below 1");
        }
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
    }

    long backoffNanos(int failedAttempt) {
        long nanos = firstBackoff.toNanos() << Math.min(failedAttempt - 1, 20);
        return Math.min(nanos, maxBackoff.toNanos());
    }
}
