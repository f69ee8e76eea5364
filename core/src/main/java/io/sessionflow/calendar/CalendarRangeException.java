package io.sessionflow.calendar;

import java.time.LocalDate;

/**
 * A date outside the years a calendar's rules are known to hold: the calendar says so instead of guessing.
 *
 * <p>Immutable once thrown.
 */
public final class CalendarRangeException extends IllegalArgumentException {

    public CalendarRangeException(String calendar, LocalDate date, LocalDate first, LocalDate last) {
        this(calendar, date, first, last, null);
    }

    /** With {@code why} (may be null) saying why the range ends there. */
    public CalendarRangeException(String calendar, LocalDate date, LocalDate first, LocalDate last, String why) {
        super(calendar + " calendar covers " + first + ".." + last + "; " + date + " is outside it"
                + (why == null ? "" : " (" + why + ")"));
    }
}
