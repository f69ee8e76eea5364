package io.sessionflow.calendar;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * How an exchange's sessions are shaped: the session of each date, or null when it does not trade. A
 * {@link RuleCalendar} evaluates a shape once per date of its range. Implementations are immutable.
 */
interface SessionShape {

    /** The session labelled {@code date}, or null when the exchange does not trade that date. */
    TradingSession on(LocalDate date);

    /**
     * The shape with the window taken from configuration; see {@link TradingCalendar#withSessionHours}.
     *
     * @throws IllegalArgumentException when the shape's sessions cannot be given wall-clock hours of one day (an
     *                                  overnight market) or the hours are not in order
     */
    SessionShape withSessionHours(LocalTime start, LocalTime end);

    /** One line for {@code toString}: the hours and zone. */
    String describe();
}
