package io.sessionflow.calendar;

import io.sessionflow.calendar.SessionSegment.Kind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Sessions that open and close on their own date (XNYS, XLON): a window {@code [start, end)} in the exchange's zone,
 * the regular hours inside it as the {@link Kind#MARKET} segment, the configured hours before and after it as
 * {@link Kind#PREMARKET} and {@link Kind#POSTMARKET}. Immutable.
 */
final class DayShape implements SessionShape {

    private final ZoneId zone;
    private final LocalTime regularOpen;
    private final LocalTime regularClose;
    private final LocalTime start;
    private final LocalTime end;
    private final DayRules rules;

    DayShape(ZoneId zone, LocalTime regularOpen, LocalTime regularClose, DayRules rules) {
        this(zone, regularOpen, regularClose, regularOpen, regularClose, rules);
    }

    private DayShape(ZoneId zone, LocalTime regularOpen, LocalTime regularClose, LocalTime start, LocalTime end,
                     DayRules rules) {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("session start " + start + " must be before its end " + end);
        }
        this.zone = zone;
        this.regularOpen = regularOpen;
        this.regularClose = regularClose;
        this.start = start;
        this.end = end;
        this.rules = rules;
    }

    @Override
    public TradingSession on(LocalDate date) {
        if (rules.isClosed(date)) {
            return null;
        }
        LocalTime early = rules.earlyClose(date);
        LocalTime close = early == null ? end : cutByEarlyClose(early);
        if (!close.isAfter(start)) {
            return null;  // the early close ends the day before the configured window opens: no session in it
        }
        LocalTime marketClose = early == null ? regularClose : early;
        List<SessionSegment> segments = new ArrayList<>(3);
        add(segments, Kind.PREMARKET, date, start, min(regularOpen, close));
        add(segments, Kind.MARKET, date, max(start, regularOpen), min(close, marketClose));
        add(segments, Kind.POSTMARKET, date, max(start, marketClose), close);
        return new TradingSession(date, instant(date, start), instant(date, close), zone, early != null, segments);
    }

    private void add(List<SessionSegment> out, Kind kind, LocalDate date, LocalTime from, LocalTime to) {
        if (from.isBefore(to)) {
            out.add(new SessionSegment(kind, instant(date, from), instant(date, to)));
        }
    }

    /** The configured end on an early-close day; see {@link TradingCalendar#withSessionHours}. */
    private LocalTime cutByEarlyClose(LocalTime early) {
        if (!end.isAfter(early)) {
            return end;
        }
        if (end.isBefore(regularClose)) {
            return early;
        }
        return early.plus(Duration.between(regularClose, end));
    }

    private Instant instant(LocalDate date, LocalTime time) {
        return ZonedDateTime.of(date, time, zone).toInstant();
    }

    private static LocalTime min(LocalTime a, LocalTime b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalTime max(LocalTime a, LocalTime b) {
        return a.isAfter(b) ? a : b;
    }

    @Override
    public SessionShape withSessionHours(LocalTime newStart, LocalTime newEnd) {
        Objects.requireNonNull(newStart, "start");
        Objects.requireNonNull(newEnd, "end");
        if (newStart.equals(start) && newEnd.equals(end)) {
            return this;
        }
        return new DayShape(zone, regularOpen, regularClose, newStart, newEnd, rules);
    }

    @Override
    public String describe() {
        return start + "-" + end + " " + zone;
    }
}
