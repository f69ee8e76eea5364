package io.sessionflow.calendar;

import java.time.LocalDate;
import java.time.LocalTime;

/** What an exchange's rules say about one date. Implementations are stateless. */
interface DayRules {

    /** True when the exchange does not trade on {@code date} (weekend, holiday, special closure). */
    boolean isClosed(LocalDate date);

    /** The early close on {@code date}, or null when the exchange closes at its regular time. */
    LocalTime earlyClose(LocalDate date);
}
