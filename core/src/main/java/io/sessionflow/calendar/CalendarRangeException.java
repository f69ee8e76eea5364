package io.sessionflow.calendar;

import java.time.LocalDate;

/**
 * A date outside the years a calendar's rules are known to hold: the calendar says so instead of guessing.
 *
 * <p>Immutable once thrown.
 */
public final class CalendarRangeException extends IllegalArgumentException {

    public CalendarRangeException(String calendar, LocalDate date, LocalDate first, LocalDate last) {
        super(calendar + " calendar covers " + first + ".." + last + "; " + date + " is outside it");
    }
}
