package io.sessionflow.calendar;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * Sessions whose window is fixed wall-clock times that may lie on the calendar day before the session date (CMES
 * opens 17:00 Chicago the evening before; FX 17:00 New York) or after it (a UTC day ends at 00:00 the next day).
 * An early close ends the session at that time on its own date. Segments come from a {@link Segments} rule, or are
 * one market segment over the window. Immutable.
 */
final class WindowShape implements SessionShape {

    /** The segments of one session; an empty list means one market segment over the window. */
    interface Segments {
        List<SessionSegment> of(LocalDate date, ZonedDateTime open, ZonedDateTime close, boolean earlyClose);
    }

    private final String name;
    private final ZoneId zone;
    private final int openDayOffset;
    private final LocalTime open;
    private final int closeDayOffset;
    private final LocalTime close;
    private final DayRules rules;
    private final Segments segments;

    /**
     * @param openDayOffset  days from the session date to the calendar day of the open (-1: the evening before)
     * @param closeDayOffset days from the session date to the calendar day of the close (1: the midnight after)
     */
    WindowShape(String name, ZoneId zone, int openDayOffset, LocalTime open, int closeDayOffset, LocalTime close,
                DayRules rules, Segments segments) {
        this.name = Objects.requireNonNull(name, "name");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.openDayOffset = openDayOffset;
        this.open = Objects.requireNonNull(open, "open");
        this.closeDayOffset = closeDayOffset;
        this.close = Objects.requireNonNull(close, "close");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.segments = segments;
    }

    @Override
    public TradingSession on(LocalDate date) {
        if (rules.isClosed(date)) {
            return null;
        }
        LocalTime early = rules.earlyClose(date);
        ZonedDateTime from = ZonedDateTime.of(date.plusDays(openDayOffset), open, zone);
        ZonedDateTime to = early == null ? ZonedDateTime.of(date.plusDays(closeDayOffset), close, zone)
                : ZonedDateTime.of(date, early, zone);
        if (!to.isAfter(from)) {
            return null;
        }
        List<SessionSegment> parts = segments == null ? List.of() : segments.of(date, from, to, early != null);
        return new TradingSession(date, from.toInstant(), to.toInstant(), zone, early != null, parts);
    }

    @Override
    public SessionShape withSessionHours(LocalTime start, LocalTime end) {
        throw new IllegalArgumentException(name + " sessions run " + describe() + ": session hours " + start + "-"
                + end + " cannot be configured for them (only for exchanges whose sessions open and close on one "
                + "day, such as XNYS and XLON)");
    }

    @Override
    public String describe() {
        return dayText(openDayOffset) + open + " to " + dayText(closeDayOffset) + close + " " + zone;
    }

    private static String dayText(int offset) {
        return switch (offset) {
            case -1 -> "the day before ";
            case 0 -> "";
            case 1 -> "the day after ";
            default -> offset + " days from the session date ";
        };
    }
}
