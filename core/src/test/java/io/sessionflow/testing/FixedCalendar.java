package io.sessionflow.testing;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.calendar.TradingSession;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Calendars of hand-built sessions (segmented, opening the evening before, spanning midnight), for tests of how the
 * coordinator treats session shapes that XNYS does not have: {@link Calendars#fromSessions} over a week either side.
 *
 * <p>Stateless; the calendars are immutable and safe to share between threads.
 */
public final class FixedCalendar {

    private FixedCalendar() {
    }

    /** A calendar of {@code sessions}, by date; it covers a week either side of them. */
    public static TradingCalendar of(String name, ZoneId zone, List<TradingSession> sessions) {
        TreeMap<LocalDate, TradingSession> byDate = new TreeMap<>();
        sessions.forEach(s -> byDate.put(s.date(), s));
        return Calendars.fromSessions(name, zone, byDate.firstKey().minusDays(7), byDate.lastKey().plusDays(7),
                d -> Optional.ofNullable(byDate.get(d)));
    }
}
