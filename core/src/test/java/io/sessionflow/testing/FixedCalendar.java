package io.sessionflow.testing;

import io.sessionflow.calendar.CalendarRangeException;
import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.calendar.TradingSession;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A calendar of hand-built sessions (segmented, opening the evening before, spanning midnight), for tests of how
 * the coordinator treats session shapes that XNYS does not have. Session hours are the sessions' own:
 * {@link #withSessionHours} returns this calendar.
 *
 * <p>Immutable; safe to share between threads.
 */
public final class FixedCalendar implements TradingCalendar {

    private final String name;
    private final ZoneId zone;
    private final TreeMap<LocalDate, TradingSession> sessions = new TreeMap<>();
    private final LocalDate first;
    private final LocalDate last;

    /** The sessions, by date; the calendar covers a week either side of them. */
    public FixedCalendar(String name, ZoneId zone, List<TradingSession> sessions) {
        this.name = name;
        this.zone = zone;
        sessions.forEach(s -> this.sessions.put(s.date(), s));
        this.first = this.sessions.firstKey().minusDays(7);
        this.last = this.sessions.lastKey().plusDays(7);
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

    private void check(LocalDate d) {
        if (d.isBefore(first) || d.isAfter(last)) {
            throw new CalendarRangeException(name, d, first, last);
        }
    }

    @Override
    public Optional<TradingSession> session(LocalDate date) {
        check(date);
        return Optional.ofNullable(sessions.get(date));
    }

    @Override
    public LocalDate nextTradingDay(LocalDate date) {
        check(date);
        LocalDate d = sessions.higherKey(date);
        if (d == null) {
            throw new CalendarRangeException(name, last.plusDays(1), first, last);
        }
        return d;
    }

    @Override
    public LocalDate previousTradingDay(LocalDate date) {
        check(date);
        LocalDate d = sessions.lowerKey(date);
        if (d == null) {
            throw new CalendarRangeException(name, first.minusDays(1), first, last);
        }
        return d;
    }

    @Override
    public List<TradingSession> sessions(LocalDate from, LocalDate toExclusive) {
        return new ArrayList<>(sessions.subMap(from, toExclusive).values());
    }

    @Override
    public Optional<TradingSession> sessionContaining(Instant t) {
        return sessions.values().stream().filter(s -> s.contains(t)).findFirst();
    }

    @Override
    public List<TradingSession> sessionsBefore(LocalDate date, int n) {
        check(date);
        List<TradingSession> out = new ArrayList<>(sessions.headMap(date).values());
        return out.subList(Math.max(0, out.size() - n), out.size());
    }

    @Override
    public TradingCalendar withSessionHours(LocalTime start, LocalTime end) {
        return this;
    }
}
