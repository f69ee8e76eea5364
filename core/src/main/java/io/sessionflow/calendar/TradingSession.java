package io.sessionflow.calendar;

import io.sessionflow.calendar.SessionSegment.Kind;
import io.sessionflow.domain.TimeRange;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One trading session: its date (the exchange's label, which for an overnight market such as CMES is the day it
 * closes, not the evening it opens) and the half-open window {@code [open, close)} in UTC, which may span midnight in
 * any zone. A 1m bar belongs to the session when its start is in the window; its end (availability) may equal
 * {@code close}.
 *
 * <p>The window is made of {@link SessionSegment segments} in time order, without overlap, inside the window; the
 * minutes between them are halts. A session built without segments is one {@link Kind#MARKET} segment over the whole
 * window, which is what every session was before segments existed.
 *
 * <p>Immutable; safe to share between threads.
 */
public record TradingSession(LocalDate date, Instant open, Instant close, ZoneId zone, boolean earlyClose,
                             List<SessionSegment> segments) {

    /** The segments counted for quality unless configured otherwise: the regular market only. */
    public static final Set<Kind> REGULAR = EnumSet.of(Kind.MARKET);

    public TradingSession {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(close, "close");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(segments, "segments");
        if (!close.isAfter(open)) {
            throw new IllegalArgumentException("session " + date + " closes at " + close + ", not after its open " + open);
        }
        segments = segments.isEmpty() ? List.of(new SessionSegment(Kind.MARKET, open, close)) : List.copyOf(segments);
        Instant previousEnd = open;
        for (SessionSegment s : segments) {
            if (s.start().isBefore(previousEnd)) {
                throw new IllegalArgumentException("session " + date + ": " + s.kind().label() + " segment "
                        + s.start() + " starts before " + previousEnd + " (segments must be in order, inside "
                        + open + ".." + close + " and not overlap)");
            }
            previousEnd = s.end();
        }
        if (previousEnd.isAfter(close)) {
            throw new IllegalArgumentException("session " + date + ": last segment ends at " + previousEnd
                    + ", after the close " + close);
        }
    }

    /** A session of one {@link Kind#MARKET} segment over its whole window. */
    public TradingSession(LocalDate date, Instant open, Instant close, ZoneId zone, boolean earlyClose) {
        this(date, open, close, zone, earlyClose, List.of());
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

    /** Whole minutes in the window, halts included: the number of minute slots from open to close. */
    public int minutes() {
        return (int) duration().toMinutes();
    }

    /** Whole minutes inside segments of the given kinds: the 1m bars a complete session of those parts has. */
    public int minutes(Set<Kind> kinds) {
        int n = 0;
        for (SessionSegment s : segments) {
            if (kinds.contains(s.kind())) {
                n += s.minutes();
            }
        }
        return n;
    }

    /** True when the session has halts or parts other than the regular market. */
    public boolean isSegmented() {
        return segments.size() > 1 || segments.get(0).kind() != Kind.MARKET
                || !segments.get(0).start().equals(open) || !segments.get(0).end().equals(close);
    }

    /** The start of the first regular-market segment, or the open when the session has none. */
    public Instant marketOpen() {
        for (SessionSegment s : segments) {
            if (s.kind() == Kind.MARKET) {
                return s.start();
            }
        }
        return open;
    }

    /** The end of the last regular-market segment, or the close when the session has none. */
    public Instant marketClose() {
        for (int i = segments.size() - 1; i >= 0; i--) {
            if (segments.get(i).kind() == Kind.MARKET) {
                return segments.get(i).end();
            }
        }
        return close;
    }

    /** The segment containing {@code t}; empty outside the window and in a halt. */
    public Optional<SessionSegment> segmentAt(Instant t) {
        for (SessionSegment s : segments) {
            if (s.contains(t)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public boolean contains(Instant t) {
        return !t.isBefore(open) && t.isBefore(close);
    }

    /** True when {@code t} is inside a segment of the given kinds. */
    public boolean isTrading(Instant t, Set<Kind> kinds) {
        return segmentAt(t).filter(s -> kinds.contains(s.kind())).isPresent();
    }
}
