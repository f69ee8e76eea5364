package io.sessionflow.calendar;

import static io.sessionflow.calendar.XnysCalendar.easter;
import static io.sessionflow.calendar.XnysCalendar.lastWeekday;
import static io.sessionflow.calendar.XnysCalendar.nthWeekday;
import static io.sessionflow.calendar.XnysCalendar.observed;
import static io.sessionflow.calendar.XnysCalendar.thanksgiving;

import io.sessionflow.calendar.SessionSegment.Kind;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/**
 * CME Globex (CMES, as exchange_calendars defines it) from its rules, 1990 through 2030: a session opens 17:00
 * America/Chicago on the calendar day before its date and closes 17:00 on its date, Monday's on Sunday evening.
 * Closed on New Year's Day, Good Friday, Christmas (weekend ones observed as NYSE does, a Saturday New Year's Day
 * not at all) and national days of mourning; 12:00 closes on the other US holidays, on which CME trades short
 * hours (MLK Day from 1998, Juneteenth from 2022), the day after Thanksgiving from 1993 and a weekday Christmas Eve.
 *
 * <p>{@link #EQUITY_INDEX} is the same calendar with the trading segments of CME Globex equity index futures (ES,
 * NQ, YM) from 2012-11-19, the first trade date of the hours CME announced for 18 November 2012.
 */
final class CmesCalendar implements DayRules {

    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    static final LocalDate FIRST = LocalDate.of(1990, 1, 1);
    static final LocalDate LAST = LocalDate.of(2030, 12, 31);
    private static final LocalTime OPEN = LocalTime.of(17, 0);
    private static final LocalTime CLOSE = LocalTime.of(17, 0);
    private static final LocalTime NOON = LocalTime.of(12, 0);

    /** National days of mourning on which CME closed (it traded through 9/11's week-end and Hurricane Sandy). */
    private static final Set<LocalDate> SPECIAL_CLOSURES = Set.of(
            LocalDate.of(1994, 4, 27), LocalDate.of(2004, 6, 11), LocalDate.of(2007, 1, 2),
            LocalDate.of(2018, 12, 5), LocalDate.of(2025, 1, 9));

    /** First trade date of the equity-index hours with the 15:15-15:30 CT halt and the 16:15 CT close. */
    static final LocalDate EQUITY_FIRST = LocalDate.of(2012, 11, 19);
    /** First trade date on which the equity-index day ended at 16:00 CT instead of 16:15. */
    static final LocalDate EQUITY_16_00 = LocalDate.of(2015, 9, 21);
    private static final LocalTime HALT_START = LocalTime.of(15, 15);
    private static final LocalTime HALT_END = LocalTime.of(15, 30);

    private static final CmesCalendar RULES = new CmesCalendar();

    static final TradingCalendar INSTANCE = new RuleCalendar("CMES", CHICAGO, FIRST, LAST,
            new WindowShape("CMES", CHICAGO, -1, OPEN, 0, CLOSE, RULES, null));

    static final TradingCalendar EQUITY_INDEX = new RuleCalendar("CMES-EQUITY", CHICAGO, EQUITY_FIRST, LAST,
            new WindowShape("CMES-EQUITY", CHICAGO, -1, OPEN, 0, CLOSE, RULES, CmesCalendar::equityIndexSegments),
            "the equity-index hours before the 15:15-15:30 CT halt of 18 November 2012 are not modelled; CMES "
                    + "has the windows");

    private CmesCalendar() {
    }

    @Override
    public boolean isClosed(LocalDate d) {
        DayOfWeek dow = d.getDayOfWeek();
        if (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY) {
            return true;
        }
        int year = d.getYear();
        return SPECIAL_CLOSURES.contains(d)
                || d.equals(LocalDate.of(year, 1, 1))
                || (d.getMonth() == Month.JANUARY && d.getDayOfMonth() == 2 && dow == DayOfWeek.MONDAY)
                || d.equals(easter(year).minusDays(2))
                || d.equals(observed(LocalDate.of(year, 12, 25)));
    }

    @Override
    public LocalTime earlyClose(LocalDate d) {
        int year = d.getYear();
        boolean early = (year >= 1998 && d.equals(nthWeekday(year, Month.JANUARY, DayOfWeek.MONDAY, 3)))
                || d.equals(nthWeekday(year, Month.FEBRUARY, DayOfWeek.MONDAY, 3))
                || d.equals(lastWeekday(year, Month.MAY, DayOfWeek.MONDAY))
                || (year >= 2022 && d.equals(observed(LocalDate.of(year, 6, 19))))
                || d.equals(observed(LocalDate.of(year, 7, 4)))
                || d.equals(nthWeekday(year, Month.SEPTEMBER, DayOfWeek.MONDAY, 1))
                || d.equals(thanksgiving(year))
                || (year >= 1993 && d.equals(thanksgiving(year).plusDays(1)))
                || (d.getMonth() == Month.DECEMBER && d.getDayOfMonth() == 24);
        return early ? NOON : null;
    }

    /**
     * ES, NQ and YM on CME Globex: trading from the 17:00 CT open to 15:15 CT, a halt to 15:30, trading to 16:15 CT
     * (16:00 from 2015-09-21), then closed to the next open. On an early-close day trading ends at the early close.
     */
    private static List<SessionSegment> equityIndexSegments(LocalDate date, ZonedDateTime open, ZonedDateTime close,
                                                            boolean earlyClose) {
        if (earlyClose) {
            return List.of(new SessionSegment(Kind.MARKET, open.toInstant(), close.toInstant()));
        }
        LocalTime end = date.isBefore(EQUITY_16_00) ? LocalTime.of(16, 15) : LocalTime.of(16, 0);
        return List.of(
                new SessionSegment(Kind.MARKET, open.toInstant(), ZonedDateTime.of(date, HALT_START, CHICAGO)
                        .toInstant()),
                new SessionSegment(Kind.MARKET, ZonedDateTime.of(date, HALT_END, CHICAGO).toInstant(),
                        ZonedDateTime.of(date, end, CHICAGO).toInstant()));
    }
}
