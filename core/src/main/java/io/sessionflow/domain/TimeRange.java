package io.sessionflow.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A half-open range of instants {@code [start, end)}. An empty range has {@code start == end}.
 *
 * <p>Immutable; safe to share between threads.
 */
public record TimeRange(Instant start, Instant end) {

    public TimeRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("time range end " + end + " is before its start " + start);
        }
    }

    public static TimeRange of(Instant start, Instant end) {
        return new TimeRange(start, end);
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    public boolean isEmpty() {
        return start.equals(end);
    }

    public Duration duration() {
        return Duration.between(start, end);
    }

    public long startMicros() {
        return Micros.of(start);
    }

    public long endMicros() {
        return Micros.of(end);
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
