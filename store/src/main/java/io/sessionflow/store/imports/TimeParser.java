package io.sessionflow.store.imports;

import io.sessionflow.domain.Micros;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.chrono.IsoChronology;
import java.time.chrono.IsoEra;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;

/**
 * Turns a time field into epoch microseconds.
 *
 * <p>Without a pattern it accepts ISO-8601 local date-times with {@code T} or a space between date and time, with or
 * without seconds and fractions, with or without an offset ({@code Z}, {@code +00}, {@code +0000}, {@code -04:00}),
 * and bare dates; and epoch numbers: all digits, optionally with a fraction, read as <b>seconds when below
 * 10<sup>11</sup></b> (10<sup>11</sup> s is the year 5138) and <b>milliseconds when below 10<sup>14</sup></b>
 * (10<sup>11</sup> ms is 1973-03-03); larger numbers are rejected rather than guessed. With a pattern, the pattern
 * alone decides. A time without offset is read in the {@code --tz} zone; without one that is fatal for the file.
 * Dates and times are resolved strictly: 2025-02-30, 2025-04-31 and 2025-02-29 are bad rows, not other days.
 *
 * <p>Immutable; safe to share between threads.
 */
final class TimeParser {

    private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendLiteral('T')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .optionalEnd()
            .toFormatter(Locale.ROOT)
            .withChronology(IsoChronology.INSTANCE)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final long MAX_EPOCH_SECONDS = 100_000_000_000L;
    /** Whole-part digits of the largest epoch number accepted: 14 digits stay below 10<sup>14</sup>. */
    private static final int MAX_EPOCH_DIGITS = 14;

    private final DateTimeFormatter pattern;
    private final String patternText;
    private final ZoneId zone;

    /**
     * @param pattern a {@link DateTimeFormatter} pattern, or null for ISO-8601 and epoch detection
     * @param zone    the zone of times without offset, or null when there is none
     */
    TimeParser(String pattern, ZoneId zone) {
        this.pattern = pattern == null ? null : strict(pattern);
        this.patternText = pattern;
        this.zone = zone;
    }

    long micros(String text) throws BadRow {
        if (text.isEmpty()) {
            throw new BadRow("time is empty");
        }
        if (pattern == null && isEpochNumber(text)) {
            return epochMicros(text);
        }
        TemporalAccessor parsed;
        try {
            parsed = pattern != null ? pattern.parse(text) : ISO.parse(spaceToT(text));
        } catch (DateTimeParseException e) {
            if (e.getCause() != null) {
                // The text has the right shape but names no real date or time: 2025-02-30, 2025-02-29, 24:00.
                throw new BadRow("time '" + text + "' is not a real date and time: " + e.getCause().getMessage());
            }
            throw new BadRow("time '" + text + "' " + (pattern != null ? "does not match --time-format '"
                    + patternText + "'" : "is neither ISO-8601 nor epoch seconds or milliseconds"));
        }
        LocalDate date = parsed.query(TemporalQueries.localDate());
        if (date == null) {
            throw BadRow.fatal("time '" + text + "' has no date: --time-format '" + patternText + "' must include "
                    + "one");
        }
        LocalTime time = parsed.query(TemporalQueries.localTime());
        ZoneId z = parsed.query(TemporalQueries.zone());
        if (z == null) {
            z = zone;
        }
        if (z == null) {
            throw BadRow.fatal("time '" + text + "' has no UTC offset: give --tz ZONE (e.g. --tz America/New_York "
                    + "or --tz UTC)");
        }
        return Micros.of(ZonedDateTime.of(date, time == null ? LocalTime.MIDNIGHT : time, z).toInstant());
    }

    /**
     * {@code pattern} resolved strictly, so that a day the month lacks is an error instead of the month's last day.
     * Strict resolution needs an era for {@code y} (year of era); CE is assumed, so {@code yyyy} and {@code uuuu}
     * both work.
     */
    static DateTimeFormatter strict(String pattern) {
        return new DateTimeFormatterBuilder()
                .appendPattern(pattern)
                .parseDefaulting(ChronoField.ERA, IsoEra.CE.getValue())
                .toFormatter(Locale.ROOT)
                .withChronology(IsoChronology.INSTANCE)
                .withResolverStyle(ResolverStyle.STRICT);
    }

    private static long epochMicros(String text) throws BadRow {
        int dot = text.indexOf('.');
        if ((dot < 0 ? text.length() : dot) > MAX_EPOCH_DIGITS) {
            throw new BadRow("time " + text + " is too large for epoch seconds or milliseconds");
        }
        BigDecimal v = new BigDecimal(text);
        BigDecimal micros = v.longValue() < MAX_EPOCH_SECONDS ? v.movePointRight(6) : v.movePointRight(3);
        return micros.setScale(0, RoundingMode.FLOOR).longValue();
    }

    /** Digits with at most one decimal point, starting with a digit. */
    private static boolean isEpochNumber(String text) {
        boolean dot = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.' && i > 0 && !dot) {
                dot = true;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** ISO-8601 wants a {@code T}; exports often write a space. */
    private static String spaceToT(String text) {
        return text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
    }
}
