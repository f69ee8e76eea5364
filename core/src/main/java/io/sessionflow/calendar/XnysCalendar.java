package io.sessionflow.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;

/**
 * The New York Stock Exchange from its rules, 1990 through 2030: regular hours 09:30-16:00 America/New_York,
 * the NYSE holidays with their observance rules and history, special closures and early closes. Dates outside the
 * range throw {@link CalendarRangeException}: the rules are not known to hold there.
 */
final class XnysCalendar implements DayRules {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final LocalDate FIRST = LocalDate.of(1990, 1, 1);
    static final LocalDate LAST = LocalDate.of(2030, 12, 31);
    static final LocalTime OPEN = LocalTime.of(9, 30);
    static final LocalTime CLOSE = LocalTime.of(16, 0);
    private static final LocalTime ONE_PM = LocalTime.of(13, 0);
    private static final LocalTime TWO_PM = LocalTime.of(14, 0);

    /** Closures that no recurring rule gives: national days of mourning, 9/11, Hurricane Sandy. */
    private static final Set<LocalDate> SPECIAL_CLOSURES = Set.of(
            LocalDate.of(1994, 4, 27),  // President Nixon's funeral
            LocalDate.of(2001, 9, 11), LocalDate.of(2001, 9, 12), LocalDate.of(2001, 9, 13),
            LocalDate.of(2001, 9, 14),  // September 11 attacks
            LocalDate.of(2004, 6, 11),  // President Reagan's funeral
            LocalDate.of(2007, 1, 2),   // President Ford's funeral
            LocalDate.of(2012, 10, 29), LocalDate.of(2012, 10, 30),  // Hurricane Sandy
            LocalDate.of(2018, 12, 5),  // President G.H.W. Bush's funeral
            LocalDate.of(2025, 1, 9));  // President Carter's national day of mourning

    /** 13:00 closes that no recurring rule gives. */
    private static final Set<LocalDate> SPECIAL_EARLY_CLOSES = Set.of(
            LocalDate.of(1997, 12, 26), LocalDate.of(1999, 12, 31), LocalDate.of(2003, 12, 26));

    /** Declared after the sets above: building it evaluates the rules. */
    static final TradingCalendar INSTANCE =
            new RuleCalendar("XNYS", NEW_YORK, FIRST, LAST, OPEN, CLOSE, new XnysCalendar());

    private XnysCalendar() {
    }

    @Override
    public boolean isClosed(LocalDate d) {
        DayOfWeek dow = d.getDayOfWeek();
        if (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY) {
            return true;
        }
        int year = d.getYear();
        return SPECIAL_CLOSURES.contains(d)
                || isNewYearsDay(d)
                || (year >= 1998 && d.equals(nthWeekday(year, Month.JANUARY, DayOfWeek.MONDAY, 3)))  // MLK Day
                || d.equals(nthWeekday(year, Month.FEBRUARY, DayOfWeek.MONDAY, 3))  // Washington's Birthday
                || d.equals(easter(year).minusDays(2))  // Good Friday
                || d.equals(lastWeekday(year, Month.MAY, DayOfWeek.MONDAY))  // Memorial Day
                || (year >= 2022 && d.equals(observed(LocalDate.of(year, 6, 19))))  // Juneteenth
                || d.equals(observed(LocalDate.of(year, 7, 4)))  // Independence Day
                || d.equals(nthWeekday(year, Month.SEPTEMBER, DayOfWeek.MONDAY, 1))  // Labor Day
                || d.equals(thanksgiving(year))
                || d.equals(observed(LocalDate.of(year, 12, 25)));  // Christmas
    }

    @Override
    public LocalTime earlyClose(LocalDate d) {
        int year = d.getYear();
        if (SPECIAL_EARLY_CLOSES.contains(d)) {
            return ONE_PM;
        }
        if (d.equals(thanksgiving(year).plusDays(1)) && year >= 1992) {
            return year == 1992 ? TWO_PM : ONE_PM;
        }
        if (d.getMonth() == Month.DECEMBER && d.getDayOfMonth() == 24 && isMondayToThursday(d)) {
            return year <= 1992 ? TWO_PM : ONE_PM;
        }
        if (year >= 1995 && d.getMonth() == Month.JULY) {
            // The day before Independence Day; on a Wednesday only since 2013.
            if (d.getDayOfMonth() == 3 && isMondayToThursday(d)
                    && (d.getDayOfWeek() != DayOfWeek.WEDNESDAY || year >= 2013)) {
                return ONE_PM;
            }
            // Before 2013, the Friday after a Thursday Independence Day.
            if (d.getDayOfMonth() == 5 && d.getDayOfWeek() == DayOfWeek.FRIDAY && year < 2013) {
                return ONE_PM;
            }
        }
        return null;
    }

    /** January 1, or Monday January 2 when the 1st is a Sunday; a Saturday New Year's Day is not observed. */
    private static boolean isNewYearsDay(LocalDate d) {
        if (d.getMonth() != Month.JANUARY) {
            return false;
        }
        return d.getDayOfMonth() == 1 || (d.getDayOfMonth() == 2 && d.getDayOfWeek() == DayOfWeek.MONDAY);
    }

    /** A fixed-date holiday moved off the weekend: Saturday to Friday, Sunday to Monday. */
    static LocalDate observed(LocalDate holiday) {
        return switch (holiday.getDayOfWeek()) {
            case SATURDAY -> holiday.minusDays(1);
            case SUNDAY -> holiday.plusDays(1);
            default -> holiday;
        };
    }

    private static boolean isMondayToThursday(LocalDate d) {
        return d.getDayOfWeek().getValue() <= DayOfWeek.THURSDAY.getValue();
    }

    static LocalDate thanksgiving(int year) {
        return nthWeekday(year, Month.NOVEMBER, DayOfWeek.THURSDAY, 4);
    }

    static LocalDate nthWeekday(int year, Month month, DayOfWeek dow, int n) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, dow));
    }

    static LocalDate lastWeekday(int year, Month month, DayOfWeek dow) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.lastInMonth(dow));
    }

    /** Western Easter Sunday (anonymous Gregorian algorithm). */
    static LocalDate easter(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(year, month, day);
    }
}
