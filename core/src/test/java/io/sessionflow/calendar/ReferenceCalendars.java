package io.sessionflow.calendar;

import io.sessionflow.testing.ReferenceData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

/** Readers for the calendar files of {@code ../shared/reference/calendars} (formats in its README). */
final class ReferenceCalendars {

    static final String XNYS = "calendars/exchange_calendars_xnys.csv";
    static final String XLON = "calendars/exchange_calendars_xlon.csv";
    static final String CMES = "calendars/exchange_calendars_cmes.csv";
    static final String ANNOUNCED = "calendars/nyse_announced_holidays_early_closes_2023_2028.csv";
    static final String EXTENDED_HOURS = "calendars/quantrocket_us_extended_hours.csv";
    static final String FULL_DAY_HOLIDAYS = "calendars/pandas_market_calendars_nyse_full_day_holidays_since_1928.csv";

    /** One row of an exchange_calendars answer key. */
    record Session(LocalDate date, Instant open, Instant close) {
    }

    /** One row of the announced file: {@code closeEt} is null unless {@code kind} is {@code early_close}. */
    record Announcement(LocalDate date, String kind, LocalTime closeEt) {
        boolean closed() {
            return kind.equals("closed");
        }
    }

    private ReferenceCalendars() {
    }

    /** Rows of an exchange_calendars CSV ({@code ,open,close,break_start,break_end}; first column a date label). */
    static List<Session> sessions(String file) {
        return rows(file, 1, f -> new Session(LocalDate.parse(f[0].substring(0, 10)), Instant.parse(f[1]),
                Instant.parse(f[2])));
    }

    static List<Announcement> announcements() {
        return rows(ANNOUNCED, 1, f -> new Announcement(LocalDate.parse(f[0]), f[1],
                f[2].isEmpty() ? null : LocalTime.parse(f[2])));
    }

    /** The pandas_market_calendars list: one {@code M/D/YYYY} date per line, no header. */
    static List<LocalDate> fullDayHolidays() {
        DateTimeFormatter mdy = DateTimeFormatter.ofPattern("M/d/yyyy");
        return rows(FULL_DAY_HOLIDAYS, 0, f -> LocalDate.parse(f[0], mdy));
    }

    private static <T> List<T> rows(String file, int headerLines, Function<String[], T> parse) {
        Path path = ReferenceData.require(file);
        try {
            return Files.readAllLines(path).stream()
                    .skip(headerLines)
                    .filter(line -> !line.isBlank())
                    .map(line -> parse.apply(line.split(",", -1)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
