package io.sessionflow.calendar;

import io.sessionflow.domain.TimeRange;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One named part of a trading session, the half-open window {@code [start, end)} in UTC: pre-market, the regular
 * market or post-market. The minutes of a session outside all of its segments are a halt (CME's daily 15:15-15:30
 * CT pause, the FX roll); nothing trades in them and none is expected.
 *
 * <p>Immutable; safe to share between threads.
 */
public record SessionSegment(Kind kind, Instant start, Instant end) {

    /** What a segment is, with LEAN's names ({@code premarket}, {@code market}, {@code postmarket}). */
    public enum Kind {
        PREMARKET("premarket"),
        MARKET("market"),
        POSTMARKET("postmarket");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The lowercase name used in configuration, output and LEAN's market-hours database. */
        public String label() {
            return label;
        }

        /**
         * The kind for a label, case-insensitive.
         *
         * @throws IllegalArgumentException naming the label and the known ones
         */
        public static Kind of(String label) {
            for (Kind k : values()) {
                if (k.label.equalsIgnoreCase(label == null ? "" : label.trim())) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown session segment '" + label
                    + "'; known: premarket, market, postmarket");
        }
    }

    public SessionSegment {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException(kind.label() + " segment ends at " + end + ", not after its start "
                    + start);
        }
    }

    public TimeRange range() {
        return new TimeRange(start, end);
    }

    /** Whole minutes in the segment. */
    public int minutes() {
        return (int) Duration.between(start, end).toMinutes();
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }
}
