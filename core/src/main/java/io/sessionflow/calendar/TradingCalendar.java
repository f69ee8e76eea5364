package io.sessionflow.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The sessions of one exchange. Dates are session dates in the exchange's zone; every method that takes a date
 * outside {@link #firstDate()}..{@link #lastDate()} throws {@link CalendarRangeException}.
 *
 * <p>Implementations are immutable and safe to share between threads.
 */
public interface TradingCalendar {

    /** The exchange's MIC, e.g. {@code XNYS}. */
    String name();

    /** The zone the exchange's wall-clock hours are given in. */
    ZoneId zone();

    /** First date the calendar's rules cover. */
    LocalDate firstDate();

    /** Last date the calendar's rules cover. */
    LocalDate lastDate();

    /** The session on {@code date}, or empty on a weekend, holiday or special closure. */
    Optional<TradingSession> session(LocalDate date);

    default boolean isTradingDay(LocalDate date) {
        return session(date).isPresent();
    }

    /** The first trading day strictly after {@code date}. */
    LocalDate nextTradingDay(LocalDate date);

    /** The last trading day strictly before {@code date}. */
    LocalDate previousTradingDay(LocalDate date);

    /** The sessions with dates in {@code [from, toExclusive)}, in date order. */
    List<TradingSession> sessions(LocalDate from, LocalDate toExclusive);

    /**
     * The session whose window {@code [open, close)} contains {@code t}, if any; for an overnight market that may be
     * the session of the next date (CMES on Sunday evening is Monday's session).
     */
    Optional<TradingSession> sessionContaining(Instant t);

    /**
     * The {@code n} sessions strictly before {@code date}, oldest first (trading sessions, not calendar days); fewer
     * when the calendar starts sooner.
     */
    List<TradingSession> sessionsBefore(LocalDate date, int n);

    /**
     * This calendar with the session window taken from configuration instead of the regular hours (for example
     * 04:00-20:00 extended hours). Holidays and closures still apply. On an early-close day the end is cut: a
     * configured end at or before the early close stands; one inside the regular hours becomes the early close; one
     * after the regular close keeps its distance from the close (20:00 becomes 17:00 after a 13:00 close). A day
     * whose cut end is not after the configured start (a 14:00-16:00 window on a 13:00 early-close day) has no
     * session in that window. The configured hours before the regular open are a {@link SessionSegment.Kind#PREMARKET}
     * segment, those after the (early) close a {@link SessionSegment.Kind#POSTMARKET} one.
     *
     * @throws IllegalArgumentException unless {@code start} is before {@code end}, and for calendars whose sessions
     *                                  are not hours of one day (CMES, FX, 24/7, tables of sessions)
     */
    TradingCalendar withSessionHours(LocalTime start, LocalTime end);
}
