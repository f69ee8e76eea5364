package io.sessionflow.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A calendar evaluated from {@link DayRules} once, at construction, into one entry per date of its range, so that
 * every query afterwards is an array lookup. Immutable; safe to share between threads.
 */
final class RuleCalendar implements TradingCalendar {

    private final String name;
    private final ZoneId zone;
    private final LocalDate first;
    private final LocalDate last;
    private final LocalTime regularOpen;
    private final LocalTime regularClose;
    private final LocalTime start;
    private final LocalTime end;
    private final DayRules rules;
    /** Indexed by days since {@code first}; null where the exchange is closed. */
    private final TradingSession[] sessions;

    RuleCalendar(String name, ZoneId zone, LocalDate first, LocalDate last, LocalTime regularOpen,
                 LocalTime regularClose, DayRules rules) {
        this(name, zone, first, last, regularOpen, regularClose, regularOpen, regularClose, rules);
    }

    private RuleCalendar(String name, ZoneId zone, LocalDate first, LocalDate last, LocalTime regularOpen,
                         LocalTime regularClose, LocalTime start, LocalTime end, DayRules rules) {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("session start " + start + " must be before its end " + end);
        }
        this.name = name;
        this.zone = zone;
        this.first = first;
        this.last = last;
        this.regularOpen = regularOpen;
        this.regularClose = regularClose;
        this.start = start;
        this.end = end;
        this.rules = rules;
        this.sessions = new TradingSession[(int) (last.toEpochDay() - first.toEpochDay()) + 1];
        for (int i = 0; i < sessions.length; i++) {
            LocalDate date = first.plusDays(i);
            if (!rules.isClosed(date)) {
                LocalTime early = rules.earlyClose(date);
                LocalTime close = early == null ? end : cutByEarlyClose(early);
                if (close.isAfter(start)) {
                    sessions[i] = new TradingSession(date, instant(date, start), instant(date, close), zone,
                            early != null);
                }
                // else the early close ends the day before the configured window opens: no session in it

            }
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

    @Override
    public String name() {
        return name;
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    @Override
    public LocalDate firstDate() {
        return first;
    }

    @Override
    public LocalDate lastDate() {
        return last;
    }

    @Override
    public Optional<TradingSession> session(LocalDate date) {
        return Optional.ofNullable(sessions[index(date)]);
    }

    @Override
    public LocalDate nextTradingDay(LocalDate date) {
        for (int i = index(date) + 1; i < sessions.length; i++) {
            if (sessions[i] != null) {
                return sessions[i].date();
            }
        }
        throw new CalendarRangeException(name, last.plusDays(1), first, last);
    }

    @Override
    public LocalDate previousTradingDay(LocalDate date) {
        for (int i = index(date) - 1; i >= 0; i--) {
            if (sessions[i] != null) {
                return sessions[i].date();
            }
        }
        throw new CalendarRangeException(name, first.minusDays(1), first, last);
    }

    @Override
    public List<TradingSession> sessions(LocalDate from, LocalDate toExclusive) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(toExclusive, "toExclusive");
        List<TradingSession> out = new ArrayList<>();
        if (!toExclusive.isAfter(from)) {
            return out;
        }
        int a = index(from);
        int b = index(toExclusive.minusDays(1));
        for (int i = a; i <= b; i++) {
            if (sessions[i] != null) {
                out.add(sessions[i]);
            }
        }
        return out;
    }

    @Override
    public Optional<TradingSession> sessionContaining(Instant t) {
        LocalDate date = t.atZone(zone).toLocalDate();
        return session(date).filter(s -> s.contains(t));
    }

    @Override
    public List<TradingSession> sessionsBefore(LocalDate date, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("number of sessions " + n + " is negative");
        }
        List<TradingSession> out = new ArrayList<>(n);
        int i = index(date) - 1;
        while (out.size() < n && i >= 0) {
            if (sessions[i] != null) {
                out.add(sessions[i]);
            }
            i--;
        }
        java.util.Collections.reverse(out);
        return out;
    }

    @Override
    public TradingCalendar withSessionHours(LocalTime newStart, LocalTime newEnd) {
        Objects.requireNonNull(newStart, "start");
        Objects.requireNonNull(newEnd, "end");
        if (newStart.equals(start) && newEnd.equals(end)) {
            return this;
        }
        return new RuleCalendar(name, zone, first, last, regularOpen, regularClose, newStart, newEnd, rules);
    }

    private int index(LocalDate date) {
        Objects.requireNonNull(date, "date");
        if (date.isBefore(first) || date.isAfter(last)) {
            throw new CalendarRangeException(name, date, first, last);
        }
        return (int) (date.toEpochDay() - first.toEpochDay());
    }

    @Override
    public String toString() {
        return name + " " + start + "-" + end + " " + zone;
    }
}
