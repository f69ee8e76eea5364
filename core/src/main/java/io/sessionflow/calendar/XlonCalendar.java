package io.sessionflow.calendar;

import static io.sessionflow.calendar.XnysCalendar.easter;
import static io.sessionflow.calendar.XnysCalendar.lastWeekday;
import static io.sessionflow.calendar.XnysCalendar.nthWeekday;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

/**
 * The London Stock Exchange from its rules, 1990 through 2030: 08:00-16:30 Europe/London, the England and Wales bank
 * holidays with their substitute days and the one-off ones (royal occasions, the millennium), and 12:30 closes on
 * the last weekday on or before Christmas Eve and New Year's Eve. Dates outside the range throw
 * {@link CalendarRangeException}.
 */
final class XlonCalendar implements DayRules {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final LocalDate FIRST = LocalDate.of(1990, 1, 1);
    static final LocalDate LAST = LocalDate.of(2030, 12, 31);
    private static final LocalTime OPEN = LocalTime.of(8, 0);
    private static final LocalTime CLOSE = LocalTime.of(16, 30);
    private static final LocalTime EARLY_CLOSE = LocalTime.of(12, 30);

    /** Bank holidays proclaimed for one year only. */
    private static final Set<LocalDate> SPECIAL_CLOSURES = Set.of(
            LocalDate.of(1999, 12, 31),  // millennium
            LocalDate.of(2002, 6, 3),    // Golden Jubilee
            LocalDate.of(2011, 4, 29),   // royal wedding
            LocalDate.of(2012, 6, 5),    // Diamond Jubilee
            LocalDate.of(2022, 6, 3),    // Platinum Jubilee
            LocalDate.of(2022, 9, 19),   // Queen Elizabeth II's funeral
            LocalDate.of(2023, 5, 8));   // King Charles III's coronation

    /** Years whose early-May bank holiday moved to VE Day (8 May). */
    private static final Set<Integer> EARLY_MAY_ON_VE_DAY = Set.of(1995, 2020);

    /** Years whose spring bank holiday moved for a jubilee. */
    private static final Map<Integer, LocalDate> SPRING_MOVED = Map.of(
            2002, LocalDate.of(2002, 6, 4), 2012, LocalDate.of(2012, 6, 4), 2022, LocalDate.of(2022, 6, 2));

    static final TradingCalendar INSTANCE = new RuleCalendar("XLON", LONDON, FIRST, LAST, OPEN, CLOSE,
            new XlonCalendar());

    private XlonCalendar() {
    }

    @Override
    public boolean isClosed(LocalDate d) {
        if (isWeekend(d)) {
            return true;
        }
        int year = d.getYear();
        LocalDate easter = easter(year);
        return SPECIAL_CLOSURES.contains(d)
                || d.equals(substitute(LocalDate.of(year, 1, 1)))
                || d.equals(easter.minusDays(2))  // Good Friday
                || d.equals(easter.plusDays(1))   // Easter Monday
                || d.equals(EARLY_MAY_ON_VE_DAY.contains(year) ? LocalDate.of(year, 5, 8)
                        : nthWeekday(year, Month.MAY, DayOfWeek.MONDAY, 1))
                || d.equals(SPRING_MOVED.getOrDefault(year, lastWeekday(year, Month.MAY, DayOfWeek.MONDAY)))
                || d.equals(lastWeekday(year, Month.AUGUST, DayOfWeek.MONDAY))
                || isChristmasOrBoxingDay(d);
    }

    @Override
    public LocalTime earlyClose(LocalDate d) {
        if (d.getMonth() != Month.DECEMBER) {
            return null;
        }
        return d.equals(lastWeekdayOnOrBefore(LocalDate.of(d.getYear(), 12, 24)))
                || d.equals(lastWeekdayOnOrBefore(LocalDate.of(d.getYear(), 12, 31))) ? EARLY_CLOSE : null;
    }

    /** Christmas and Boxing Day, each moved to the next free weekday when it falls on a weekend. */
    private static boolean isChristmasOrBoxingDay(LocalDate d) {
        if (d.getMonth() != Month.DECEMBER || d.getDayOfMonth() < 25) {
            return false;
        }
        LocalDate christmas = substitute(LocalDate.of(d.getYear(), 12, 25));
        LocalDate boxing = substitute(LocalDate.of(d.getYear(), 12, 26));
        if (!boxing.isAfter(christmas)) {
            boxing = christmas.plusDays(1);  // Christmas on a Saturday: Monday 27th and Tuesday 28th
        }
        return d.equals(christmas) || d.equals(boxing);
    }

    /** The day itself, or the Monday after when it falls on a weekend. */
    private static LocalDate substitute(LocalDate holiday) {
        return switch (holiday.getDayOfWeek()) {
            case SATURDAY -> holiday.plusDays(2);
            case SUNDAY -> holiday.plusDays(1);
            default -> holiday;
        };
    }

    private static LocalDate lastWeekdayOnOrBefore(LocalDate d) {
        LocalDate out = d;
        while (isWeekend(out)) {
            out = out.minusDays(1);
        }
        return out;
    }

    private static boolean isWeekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
