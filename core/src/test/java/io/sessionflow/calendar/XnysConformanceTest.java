package io.sessionflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.calendar.ReferenceCalendars.Announcement;
import io.sessionflow.calendar.ReferenceCalendars.Session;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The XNYS calendar against the reference calendars of {@code ../shared/reference/calendars}: day by day over each
 * file's range, so that a missing holiday, an extra closure, a wrong early close or a DST slip all fail. Skipped
 * when the reference folder is absent.
 */
class XnysConformanceTest {

    private static final TradingCalendar XNYS = Calendars.xnys();
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalTime OPEN = LocalTime.of(9, 30);
    private static final LocalTime CLOSE = LocalTime.of(16, 0);

    @Test
    void agreesWithExchangeCalendarsOnEverySessionAndEveryClosedDay(TestReporter reporter) {
        List<Session> expected = ReferenceCalendars.sessions(ReferenceCalendars.XNYS);
        assertThat(expected).hasSize(8324);
        LocalDate first = expected.get(0).date();
        LocalDate last = expected.get(expected.size() - 1).date();
        assertThat(first).isEqualTo("1990-01-02");
        assertThat(last).isEqualTo("2023-01-13");

        assertThat(differences(XNYS, first, last, byDate(expected))).isEmpty();
        int compared = XNYS.sessions(first, last.plusDays(1)).size();
        assertThat(compared).isEqualTo(8324);
        reporter.publishEntry("exchange_calendars_xnys.csv sessions compared", Integer.toString(compared));
    }

    @Test
    void agreesWithEveryAnnouncedHolidayAndEarlyClose(TestReporter reporter) {
        List<Announcement> rows = ReferenceCalendars.announcements();
        assertThat(rows).hasSize(73);
        Map<LocalDate, Announcement> byDate = rows.stream()
                .collect(Collectors.toMap(Announcement::date, Function.identity()));

        // The file lists exceptions only: every other weekday is a regular session.
        Function<LocalDate, Optional<Session>> expected = date -> {
            Announcement a = byDate.get(date);
            if (isWeekend(date) || (a != null && a.closed())) {
                return Optional.empty();
            }
            return Optional.of(session(date, OPEN, a == null ? CLOSE : a.closeEt()));
        };
        for (Announcement a : rows) {
            assertThat(differences(XNYS, a.date(), a.date(), expected)).as("announced %s", a).isEmpty();
        }
        LocalDate from = LocalDate.of(2023, 1, 14);
        LocalDate to = LocalDate.of(2028, 12, 31);
        assertThat(differences(XNYS, from, to, expected)).isEmpty();

        int sessions = XNYS.sessions(from, to.plusDays(1)).size();
        assertThat(sessions).isEqualTo(1496);
        reporter.publishEntry("nyse_announced rows compared", Integer.toString(rows.size()));
        reporter.publishEntry("sessions 2023-01-14..2028-12-31 compared", Integer.toString(sessions));
    }

    @Test
    void extendedHoursAgreeWithQuantRocket(TestReporter reporter) {
        List<Session> expected = ReferenceCalendars.sessions(ReferenceCalendars.EXTENDED_HOURS);
        assertThat(expected).hasSize(5286);
        TradingCalendar extended = XNYS.withSessionHours(LocalTime.of(4, 0), LocalTime.of(20, 0));
        LocalDate first = expected.get(0).date();
        LocalDate last = expected.get(expected.size() - 1).date();

        assertThat(differences(extended, first, last, byDate(expected))).isEmpty();
        int compared = extended.sessions(first, last.plusDays(1)).size();
        assertThat(compared).isEqualTo(5286);
        reporter.publishEntry("quantrocket_us_extended_hours.csv sessions compared", Integer.toString(compared));
    }

    @Test
    void extendedSessionsArePremarketTheRegularSessionAndPostmarket() {
        List<Session> expected = ReferenceCalendars.sessions(ReferenceCalendars.EXTENDED_HOURS);
        TradingCalendar extended = XNYS.withSessionHours(LocalTime.of(4, 0), LocalTime.of(20, 0));
        LocalDate first = expected.get(0).date();
        LocalDate last = expected.get(expected.size() - 1).date();
        List<TradingSession> sessions = extended.sessions(first, last.plusDays(1));
        assertThat(sessions).hasSize(5286);
        for (TradingSession s : sessions) {
            TradingSession regular = XNYS.session(s.date()).orElseThrow();
            assertThat(s.segments()).as("%s", s.date()).containsExactly(
                    new SessionSegment(SessionSegment.Kind.PREMARKET, s.open(), regular.open()),
                    new SessionSegment(SessionSegment.Kind.MARKET, regular.open(), regular.close()),
                    new SessionSegment(SessionSegment.Kind.POSTMARKET, regular.close(), s.close()));
            assertThat(s.minutes(TradingSession.REGULAR)).isEqualTo(regular.minutes());
            assertThat(s.earlyClose()).isEqualTo(regular.earlyClose());
        }
        assertThat(regular(XNYS.session(LocalDate.of(2013, 7, 3)).orElseThrow())).isTrue();
    }

    /** A regular-hours session is one market segment over its window, as before segments existed. */
    private static boolean regular(TradingSession s) {
        return !s.isSegmented() && s.segments().size() == 1;
    }

    @Test
    void fullDayClosuresAgreeWithPandasMarketCalendars(TestReporter reporter) {
        LocalDate from = LocalDate.of(1990, 1, 1);
        LocalDate to = LocalDate.of(2021, 7, 5);
        Set<LocalDate> expected = ReferenceCalendars.fullDayHolidays().stream()
                .filter(d -> !d.isBefore(from) && !d.isAfter(to) && !isWeekend(d))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<LocalDate> actual = from.datesUntil(to.plusDays(1))
                .filter(d -> !isWeekend(d) && !XNYS.isTradingDay(d))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(actual).hasSize(283);
        reporter.publishEntry("weekday full-day closures 1990-01-01..2021-07-05 compared",
                Integer.toString(actual.size()));
    }

    /** One line per date of {@code [from, to]} on which {@code calendar} and {@code expected} disagree. */
    private static List<String> differences(TradingCalendar calendar, LocalDate from, LocalDate to,
                                            Function<LocalDate, Optional<Session>> expected) {
        List<String> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            Optional<Session> want = expected.apply(d);
            Optional<Session> got = calendar.session(d).map(s -> new Session(s.date(), s.open(), s.close()));
            if (!want.equals(got)) {
                out.add(d + ": expected " + want.map(Object::toString).orElse("closed") + ", got "
                        + got.map(Object::toString).orElse("closed"));
            }
        }
        return out;
    }

    private static Function<LocalDate, Optional<Session>> byDate(List<Session> sessions) {
        Map<LocalDate, Session> map = sessions.stream().collect(Collectors.toMap(Session::date, Function.identity()));
        return date -> Optional.ofNullable(map.get(date));
    }

    private static Session session(LocalDate date, LocalTime open, LocalTime close) {
        return new Session(date, ZonedDateTime.of(date, open, NEW_YORK).toInstant(),
                ZonedDateTime.of(date, close, NEW_YORK).toInstant());
    }

    private static boolean isWeekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
