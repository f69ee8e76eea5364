package io.sessionflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.calendar.ReferenceCalendars.Session;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * XLON and CMES against exchange_calendars' answer keys in {@code ../shared/reference/calendars}: every date of each
 * file's range, so a missing holiday, an extra closure, a wrong early close or a DST slip fails. Skipped when the
 * reference folder is absent.
 */
class XlonCmesConformanceTest {

    @Test
    void xlonAgreesOnEverySessionAndEveryClosedDay(TestReporter reporter) {
        List<Session> expected = ReferenceCalendars.sessions(ReferenceCalendars.XLON);
        assertThat(expected).hasSize(8515);
        assertThat(expected.get(0).date()).isEqualTo("1990-01-02");
        assertThat(expected.get(expected.size() - 1).date()).isEqualTo("2023-09-12");

        int compared = compare(Calendars.xlon(), expected);
        assertThat(compared).isEqualTo(8515);
        assertThat(earlyCloses(Calendars.xlon(), expected, LocalTime.of(12, 30))).isEqualTo(65);
        reporter.publishEntry("exchange_calendars_xlon.csv sessions compared", Integer.toString(compared));
    }

    @Test
    void cmesAgreesOnEverySessionAndEveryClosedDay(TestReporter reporter) {
        List<Session> expected = ReferenceCalendars.sessions(ReferenceCalendars.CMES);
        assertThat(expected).hasSize(9682);
        assertThat(expected.get(0).date()).isEqualTo("1990-01-02");
        assertThat(expected.get(expected.size() - 1).date()).isEqualTo("2027-07-16");

        int compared = compare(Calendars.cmes(), expected);
        assertThat(compared).isEqualTo(9682);
        assertThat(earlyCloses(Calendars.cmes(), expected, LocalTime.of(12, 0))).isEqualTo(280);
        reporter.publishEntry("exchange_calendars_cmes.csv sessions compared", Integer.toString(compared));
    }

    @Test
    void cmesEquityIndexHasTheCmesWindowsFromItsFirstDate() {
        List<Session> expected = ReferenceCalendars.sessions(ReferenceCalendars.CMES).stream()
                .filter(s -> !s.date().isBefore(CmesCalendar.EQUITY_FIRST)).toList();
        assertThat(compare(Calendars.cmesEquityIndex(), expected)).isEqualTo(expected.size()).isEqualTo(3779);
    }

    @Test
    void everyCmesSessionOpensAt1700ChicagoTheCalendarDayBefore() {
        ZoneId chicago = ZoneId.of("America/Chicago");
        for (Session s : ReferenceCalendars.sessions(ReferenceCalendars.CMES)) {
            TradingSession got = Calendars.cmes().session(s.date()).orElseThrow();
            assertThat(got.open().atZone(chicago).toLocalDate()).isEqualTo(s.date().minusDays(1));
            assertThat(Calendars.cmes().sessionContaining(got.open())).contains(got);
            assertThat(Calendars.cmes().sessionContaining(got.close().minusSeconds(60))).contains(got);
        }
    }

    /**
     * Compares every date from the file's first to its last: the file's sessions must be the calendar's, and the
     * calendar must have no session on a date the file leaves out. Returns the number of calendar sessions.
     */
    private static int compare(TradingCalendar calendar, List<Session> expected) {
        Map<LocalDate, Session> byDate = expected.stream()
                .collect(Collectors.toMap(Session::date, Function.identity()));
        LocalDate first = expected.get(0).date();
        LocalDate last = expected.get(expected.size() - 1).date();
        List<String> differences = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            Session want = byDate.get(d);
            Session got = calendar.session(d).map(s -> new Session(s.date(), s.open(), s.close())).orElse(null);
            if (want == null ? got != null : !want.equals(got)) {
                differences.add(d + ": expected " + (want == null ? "closed" : want) + ", got "
                        + (got == null ? "closed" : got));
            }
        }
        assertThat(differences).as(calendar.name()).isEmpty();
        return calendar.sessions(first, last.plusDays(1)).size();
    }

    private static long earlyCloses(TradingCalendar calendar, List<Session> expected, LocalTime close) {
        return calendar.sessions(expected.get(0).date(), expected.get(expected.size() - 1).date().plusDays(1))
                .stream().filter(TradingSession::earlyClose)
                .peek(s -> assertThat(s.localClose()).isEqualTo(close))
                .count();
    }
}
