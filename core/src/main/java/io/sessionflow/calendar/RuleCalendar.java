package io.sessionflow.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A calendar evaluated from a {@link SessionShape} once, at construction, into one entry per date of its range, so
 * that every query afterwards is an array lookup or a binary search. A session may open on an earlier calendar day
 * than its date (CMES, FX) and may span midnight in any zone; sessions must be in date order and not overlap.
 * Immutable; safe to share between threads.
 */
final class RuleCalendar implements TradingCalendar {

    private final String name;
    private final ZoneId zone;
    private final LocalDate first;
    private final LocalDate last;
    private final SessionShape shape;
    /** Why the range starts where it does, for errors on earlier dates; null when the rules are not known there. */
    private final String rangeNote;
    /** Indexed by days since {@code first}; null where the exchange is closed. */
    private final TradingSession[] byDate;
    /** The sessions in date (and so time) order, for the search by instant. */
    private final TradingSession[] ordered;

    /** Sessions that open and close on their date, from day rules and regular hours. */
    RuleCalendar(String name, ZoneId zone, LocalDate first, LocalDate last, LocalTime regularOpen,
                 LocalTime regularClose, DayRules rules) {
        this(name, zone, first, last, new DayShape(zone, regularOpen, regularClose, rules));
    }

    RuleCalendar(String name, ZoneId zone, LocalDate first, LocalDate last, SessionShape shape) {
        this(name, zone, first, last, shape, null);
    }

    RuleCalendar(String name, ZoneId zone, LocalDate first, LocalDate last, SessionShape shape, String rangeNote) {
        this.rangeNote = rangeNote;
        this.name = Objects.requireNonNull(name, "name");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.first = Objects.requireNonNull(first, "first");
        this.last = Objects.requireNonNull(last, "last");
        this.shape = Objects.requireNonNull(shape, "shape");
        if (last.isBefore(first)) {
            throw new IllegalArgumentException(name + " calendar: last date " + last + " is before the first " + first);
        }
        this.byDate = new TradingSession[(int) (last.toEpochDay() - first.toEpochDay()) + 1];
        List<TradingSession> inOrder = new ArrayList<>(byDate.length);
        for (int i = 0; i < byDate.length; i++) {
            LocalDate date = first.plusDays(i);
            TradingSession s = shape.on(date);
            if (s == null) {
                continue;
            }
            if (!s.date().equals(date)) {
                throw new IllegalArgumentException(name + " calendar: the session for " + date + " is labelled "
                        + s.date());
            }
            if (!inOrder.isEmpty()) {
                TradingSession previous = inOrder.get(inOrder.size() - 1);
                if (s.open().isBefore(previous.close())) {
                    throw new IllegalArgumentException(name + " calendar: session " + date + " opens at " + s.open()
                            + ", before session " + previous.date() + " closes at " + previous.close());
                }
            }
            byDate[i] = s;
            inOrder.add(s);
        }
        this.ordered = inOrder.toArray(new TradingSession[0]);
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
        return Optional.ofNullable(byDate[index(date)]);
    }

    @Override
    public LocalDate nextTradingDay(LocalDate date) {
        for (int i = index(date) + 1; i < byDate.length; i++) {
            if (byDate[i] != null) {
                return byDate[i].date();
            }
        }
        throw rangeError(last.plusDays(1));
    }

    @Override
    public LocalDate previousTradingDay(LocalDate date) {
        for (int i = index(date) - 1; i >= 0; i--) {
            if (byDate[i] != null) {
                return byDate[i].date();
            }
        }
        throw rangeError(first.minusDays(1));
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
            if (byDate[i] != null) {
                out.add(byDate[i]);
            }
        }
        return out;
    }

    /**
     * The session containing {@code t}, found by its open: a session that opened the evening before its date (CMES)
     * holds instants of that evening. Throws {@link CalendarRangeException} when {@code t}'s date in the exchange's
     * zone is outside the range, or the day before its first date (the evening the first session may open).
     */
    @Override
    public Optional<TradingSession> sessionContaining(Instant t) {
        Objects.requireNonNull(t, "t");
        LocalDate date = t.atZone(zone).toLocalDate();
        if (date.isBefore(first.minusDays(1)) || date.isAfter(last)) {
            throw rangeError(date);
        }
        int lo = 0;
        int hi = ordered.length - 1;
        int found = -1;
        while (lo <= hi) {  // the last session that opens at or before t
            int mid = (lo + hi) >>> 1;
            if (ordered[mid].open().isAfter(t)) {
                hi = mid - 1;
            } else {
                found = mid;
                lo = mid + 1;
            }
        }
        return found >= 0 && ordered[found].contains(t) ? Optional.of(ordered[found]) : Optional.empty();
    }

    @Override
    public List<TradingSession> sessionsBefore(LocalDate date, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("number of sessions " + n + " is negative");
        }
        List<TradingSession> out = new ArrayList<>(n);
        int i = index(date) - 1;
        while (out.size() < n && i >= 0) {
            if (byDate[i] != null) {
                out.add(byDate[i]);
            }
            i--;
        }
        Collections.reverse(out);
        return out;
    }

    @Override
    public TradingCalendar withSessionHours(LocalTime newStart, LocalTime newEnd) {
        Objects.requireNonNull(newStart, "start");
        Objects.requireNonNull(newEnd, "end");
        SessionShape changed = shape.withSessionHours(newStart, newEnd);
        return changed == shape ? this : new RuleCalendar(name, zone, first, last, changed, rangeNote);
    }

    private int index(LocalDate date) {
        Objects.requireNonNull(date, "date");
        if (date.isBefore(first) || date.isAfter(last)) {
            throw rangeError(date);
        }
        return (int) (date.toEpochDay() - first.toEpochDay());
    }

    private CalendarRangeException rangeError(LocalDate date) {
        return new CalendarRangeException(name, date, first, last, date.isBefore(first) ? rangeNote : null);
    }

    @Override
    public String toString() {
        return name + " " + shape.describe();
    }
}
