package io.sessionflow.store.imports;

import io.sessionflow.domain.Symbol;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Futures contracts as LEAN stores them and as traders name them. A LEAN futures zip holds one CSV per contract,
 * {@code <date>_<root>_minute_<trade|quote>_<YYYYMM>.csv}, named by expiry month; the contract's symbol is the root,
 * the CME month code and the two-digit year: {@code 201312} of {@code es} is {@code ESZ13}.
 *
 * <p>The continuous front-month series (symbol: the root alone, {@code ES}) follows the equity-index roll rule: a
 * contract is the front month until its roll date, the second Thursday of its expiry month (eight days before the
 * third-Friday expiry, the date CME's volume moves to the next quarter), from the session that opens on the evening
 * before it at 17:00 Chicago time. The series is unadjusted: prices jump at a roll by the calendar spread.
 *
 * <p>Stateless; safe to share between threads.
 */
final class FutureContracts {

    private static final String MONTH_CODES = "FGHJKMNQUVXZ";
    private static final Pattern ENTRY = Pattern.compile(".*_(\\d{6})\\.csv");
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    private FutureContracts() {
    }

    /** The expiry month in a LEAN futures CSV name, or empty when the name has none. */
    static Optional<YearMonth> expiry(String entryName) {
        Matcher m = ENTRY.matcher(entryName);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(YearMonth.parse(m.group(1), DateTimeFormatter.ofPattern("yyyyMM")));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The contract's symbol: {@code ES} and 2013-12 give {@code ESZ13}. */
    static Symbol contract(String root, YearMonth expiry) {
        return Symbol.of(root + MONTH_CODES.charAt(expiry.getMonthValue() - 1)
                + String.format("%02d", expiry.getYear() % 100));
    }

    /** The first instant at which the contract of {@code expiry} is no longer the front month. */
    static Instant rollInstant(YearMonth expiry) {
        LocalDate rollDate = expiry.atDay(1).with(TemporalAdjusters.dayOfWeekInMonth(2, DayOfWeek.THURSDAY));
        return rollDate.minusDays(1).atTime(LocalTime.of(17, 0)).atZone(CHICAGO).toInstant();
    }
}
