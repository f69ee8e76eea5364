package io.sessionflow.calendar;

import io.sessionflow.domain.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * One trading session: its date in the exchange's zone and the half-open window {@code [open, close)} in UTC.
 * A 1m bar belongs to the session when its start is in the window; its end (availability) may equal {@code close}.
 *
 * <p>Immutable; safe to share between threads.
 */
public record TradingSession(LocalDate date, Instant open, Instant close, ZoneId zone, boolean earlyClose) {

    public TradingSession {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(close, "close");
        Objects.requireNonNull(zone, "zone");
        if (!close.isAfter(open)) {
            throw new IllegalArgumentException("session " + date + " closes at " + close + ", not after its open " + open);
        }
    }

    /** Wall-clock open in the exchange's zone. */
    public LocalTime localOpen() {
        return open.atZone(zone).toLocalTime();
    }

    /** Wall-clock close in the exchange's zone. */
    public LocalTime localClose() {
        return close.atZone(zone).toLocalTime();
    }

    public TimeRange range() {
        return new TimeRange(open, close);
    }

    public Duration duration() {
        return Duration.between(open, close);
    }

    /** Whole minutes in the session: the number of 1m bars a complete session has. */
    public int minutes() {
        return (int) duration().toMinutes();
    }

    public boolean contains(Instant t) {
        return !t.isBefore(open) && t.isBefore(close);
    }
}
