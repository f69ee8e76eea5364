package io.sessionflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.time.api.constraints.DateRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The TradingCalendar API on XNYS, with hand-checked dates (the reference files are checked separately). */
class XnysCalendarTest {

    private static final TradingCalendar XNYS = Calendars.xnys();

    @Test
    void describesItself() {
        assertThat(XNYS.name()).isEqualTo("XNYS");
        assertThat(XNYS.zone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(XNYS.firstDate()).isEqualTo("1990-01-01");
        assertThat(XNYS.lastDate()).isEqualTo("2030-12-31");
    }

    @ParameterizedTest
    @CsvSource({
        // date, open UTC, close UTC, early close
        "2025-01-02, 2025-01-02T14:30:00Z, 2025-01-02T21:00:00Z, false",  // winter: EST
        "2025-07-07, 2025-07-07T13:30:00Z, 2025-07-07T20:00:00Z, false",  // summer: EDT
        "2025-07-03, 2025-07-03T13:30:00Z, 2025-07-03T17:00:00Z, true",   // day before Independence Day
        "2025-11-28, 2025-11-28T14:30:00Z, 2025-11-28T18:00:00Z, true",   // day after Thanksgiving
        "1992-12-24, 1992-12-24T14:30:00Z, 1992-12-24T19:00:00Z, true",   // 14:00 close, before 1993
        "2007-03-09, 2007-03-09T14:30:00Z, 2007-03-09T21:00:00Z, false",  // Friday before the 2007 DST change
        "2007-03-12, 2007-03-12T13:30:00Z, 2007-03-12T20:00:00Z, false",  // Monday after it
        "2024-11-04, 2024-11-04T14:30:00Z, 2024-11-04T21:00:00Z, false",  // Monday after DST ended
    })
    void sessionHasOpenAndCloseInUtc(LocalDate date, Instant open, Instant close, boolean early) {
        TradingSession s = XNYS.session(date).orElseThrow();
        assertThat(s.date()).isEqualTo(date);
        assertThat(s.open()).isEqualTo(open);
        assertThat(s.close()).isEqualTo(close);
        assertThat(s.earlyClose()).isEqualTo(early);
        assertThat(s.zone()).isEqualTo(XNYS.zone());
        assertThat(s.localOpen()).isEqualTo("09:30");  // DST never shifts the wall-clock open
        assertThat(XNYS.isTradingDay(date)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2025-01-04",  // Saturday
        "2025-01-05",  // Sunday
        "2025-01-01",  // New Year's Day
        "2025-01-09",  // Carter national day of mourning
        "2025-04-18",  // Good Friday
        "2022-06-20",  // first Juneteenth, observed on Monday
        "2021-12-24",  // Christmas observed on Friday
        "2012-10-29",  // Hurricane Sandy
        "2012-10-30",
        "2001-09-11",
        "2018-12-05",  // G.H.W. Bush
        "2026-07-03",  // Independence Day observed on Friday
        "2027-12-24",  // Christmas observed on Friday
    })
    void closedDaysHaveNoSession(LocalDate date) {
        assertThat(XNYS.session(date)).isEmpty();
        assertThat(XNYS.isTradingDay(date)).isFalse();
    }

    @Test
    void saturdayNewYearIsNotObservedOnTheFridayBefore() {
        assertThat(XNYS.isTradingDay(LocalDate.of(2021, 12, 31))).isTrue();
        assertThat(XNYS.isTradingDay(LocalDate.of(2027, 12, 31))).isTrue();
    }

    @Test
    void nextAndPreviousTradingDaySkipWeekendsAndHolidays() {
        // Carter closure on Thursday 2025-01-09.
        assertThat(XNYS.nextTradingDay(LocalDate.of(2025, 1, 8))).isEqualTo("2025-01-10");
        assertThat(XNYS.previousTradingDay(LocalDate.of(2025, 1, 10))).isEqualTo("2025-01-08");
        // Strictly after / before, also from a closed day.
        assertThat(XNYS.nextTradingDay(LocalDate.of(2025, 1, 9))).isEqualTo("2025-01-10");
        assertThat(XNYS.previousTradingDay(LocalDate.of(2025, 1, 9))).isEqualTo("2025-01-08");
        // Good Friday and the weekend.
        assertThat(XNYS.nextTradingDay(LocalDate.of(2025, 4, 17))).isEqualTo("2025-04-21");
        assertThat(XNYS.previousTradingDay(LocalDate.of(2025, 4, 21))).isEqualTo("2025-04-17");
        // Across a year end.
        assertThat(XNYS.nextTradingDay(LocalDate.of(2024, 12, 31))).isEqualTo("2025-01-02");
    }

    @Property(tries = 300)
    void nextTradingDayIsTheFirstTradingDayAfter(
            @ForAll @DateRange(min = "1990-01-02", max = "2030-12-20") LocalDate date) {
        LocalDate next = XNYS.nextTradingDay(date);
        assertThat(next).isAfter(date);
        assertThat(XNYS.isTradingDay(next)).isTrue();
        assertThat(date.plusDays(1).datesUntil(next)).noneMatch(XNYS::isTradingDay);
        assertThat(XNYS.previousTradingDay(next)).isBeforeOrEqualTo(date);
    }

    @Property(tries = 300)
    void previousTradingDayIsTheLastTradingDayBefore(
            @ForAll @DateRange(min = "1990-01-10", max = "2030-12-31") LocalDate date) {
        LocalDate previous = XNYS.previousTradingDay(date);
        assertThat(previous).isBefore(date);
        assertThat(XNYS.isTradingDay(previous)).isTrue();
        assertThat(previous.plusDays(1).datesUntil(date)).noneMatch(XNYS::isTradingDay);
    }

    @Test
    void sessionsCoverAHalfOpenDateRange() {
        List<TradingSession> jan = XNYS.sessions(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 2, 1));
        assertThat(jan).hasSize(20);  // 23 weekdays less New Year, Carter, MLK Day
        assertThat(jan.get(0).date()).isEqualTo("2025-01-02");
        assertThat(jan.get(jan.size() - 1).date()).isEqualTo("2025-01-31");
        assertThat(jan).extracting(TradingSession::date).isSorted()
                .doesNotContain(LocalDate.of(2025, 1, 9), LocalDate.of(2025, 1, 20));

        // The end date is exclusive, the start inclusive.
        assertThat(XNYS.sessions(LocalDate.of(2025, 1, 2), LocalDate.of(2025, 1, 3)))
                .extracting(TradingSession::date).containsExactly(LocalDate.of(2025, 1, 2));
        assertThat(XNYS.sessions(LocalDate.of(2025, 1, 2), LocalDate.of(2025, 1, 2))).isEmpty();
        assertThat(XNYS.sessions(LocalDate.of(2025, 1, 3), LocalDate.of(2025, 1, 2))).isEmpty();
        assertThat(XNYS.sessions(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1))).hasSize(250);
    }

    @Test
    void sessionsSpanTheWholeRange() {
        assertThat(XNYS.sessions(XNYS.firstDate(), XNYS.lastDate().plusDays(1)))
                .first().extracting(TradingSession::date).isEqualTo(LocalDate.of(1990, 1, 2));
        assertThat(XNYS.sessions(XNYS.firstDate(), XNYS.lastDate().plusDays(1)))
                .last().extracting(TradingSession::date).isEqualTo(LocalDate.of(2030, 12, 31));
    }

    @Test
    void sessionContainingIsHalfOpenAtTheClose() {
        TradingSession s = XNYS.session(LocalDate.of(2025, 7, 3)).orElseThrow();  // 13:30Z-17:00Z
        assertThat(XNYS.sessionContaining(s.open())).contains(s);
        assertThat(XNYS.sessionContaining(s.close().minusNanos(1))).contains(s);
        assertThat(XNYS.sessionContaining(s.close())).isEmpty();  // early close: 13:00 ET is already closed
        assertThat(XNYS.sessionContaining(s.open().minusNanos(1))).isEmpty();
        assertThat(XNYS.sessionContaining(Instant.parse("2025-07-05T15:00:00Z"))).isEmpty();  // Saturday
        // 00:30Z on Jan 3 is still Jan 2 in New York, after its close.
        assertThat(XNYS.sessionContaining(Instant.parse("2025-01-03T00:30:00Z"))).isEmpty();
    }

    @Test
    void sessionsBeforeCountsTradingSessionsOldestFirst() {
        assertThat(XNYS.sessionsBefore(LocalDate.of(2025, 1, 13), 4)).extracting(TradingSession::date)
                .containsExactly(LocalDate.of(2025, 1, 6), LocalDate.of(2025, 1, 7), LocalDate.of(2025, 1, 8),
                        LocalDate.of(2025, 1, 10));
        assertThat(XNYS.sessionsBefore(LocalDate.of(2025, 1, 13), 0)).isEmpty();
        // From a closed day: the day itself is never included, trading or not.
        assertThat(XNYS.sessionsBefore(LocalDate.of(2025, 1, 10), 1)).extracting(TradingSession::date)
                .containsExactly(LocalDate.of(2025, 1, 8));
        assertThatThrownBy(() -> XNYS.sessionsBefore(LocalDate.of(2025, 1, 13), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    @Test
    void sessionsBeforeTheFirstSessionsAreFewer() {
        assertThat(XNYS.sessionsBefore(LocalDate.of(1990, 1, 4), 2)).hasSize(2);
        assertThat(XNYS.sessionsBefore(LocalDate.of(1990, 1, 4), 3)).extracting(TradingSession::date)
                .containsExactly(LocalDate.of(1990, 1, 2), LocalDate.of(1990, 1, 3));
    }

    @Test
    void datesOutsideTheRangeAreRefusedNamingTheDate() {
        assertThatThrownBy(() -> XNYS.session(LocalDate.of(1989, 12, 31)))
                .isInstanceOf(CalendarRangeException.class)
                .hasMessage("XNYS calendar covers 1990-01-01..2030-12-31; 1989-12-31 is outside it");
        assertThatThrownBy(() -> XNYS.isTradingDay(LocalDate.of(2031, 1, 1)))
                .isInstanceOf(CalendarRangeException.class).hasMessageContaining("2031-01-01");
        assertThatThrownBy(() -> XNYS.sessions(LocalDate.of(2030, 12, 1), LocalDate.of(2031, 1, 2)))
                .isInstanceOf(CalendarRangeException.class);
        assertThatThrownBy(() -> XNYS.sessionContaining(Instant.parse("1985-06-03T15:00:00Z")))
                .isInstanceOf(CalendarRangeException.class);
    }

    @Test
    void noTradingDayBeyondTheRangeNamesTheFirstDateOutsideIt() {
        assertThatThrownBy(() -> XNYS.nextTradingDay(LocalDate.of(2030, 12, 31)))
                .isInstanceOf(CalendarRangeException.class)
                .hasMessage("XNYS calendar covers 1990-01-01..2030-12-31; 2031-01-01 is outside it");
        // 1990-01-01 is a holiday inside the range: the search ran past the range's start, not into that date.
        assertThatThrownBy(() -> XNYS.previousTradingDay(LocalDate.of(1990, 1, 2)))
                .isInstanceOf(CalendarRangeException.class)
                .hasMessage("XNYS calendar covers 1990-01-01..2030-12-31; 1989-12-31 is outside it");
    }

    @Test
    void sessionHoursReplaceTheRegularHoursAndEarlyClosesCutThem() {
        TradingCalendar extended = XNYS.withSessionHours(LocalTime.of(4, 0), LocalTime.of(20, 0));
        TradingSession regular = extended.session(LocalDate.of(2025, 7, 7)).orElseThrow();
        assertThat(regular.open()).isEqualTo("2025-07-07T08:00:00Z");
        assertThat(regular.close()).isEqualTo("2025-07-08T00:00:00Z");
        // After a 13:00 close the configured end keeps its distance from the close: 20:00 becomes 17:00.
        assertThat(extended.session(LocalDate.of(2025, 7, 3)).orElseThrow().localClose()).isEqualTo("17:00");
        // Holidays still apply.
        assertThat(extended.isTradingDay(LocalDate.of(2025, 1, 9))).isFalse();

        // An end inside the regular hours becomes the early close; one before it stands.
        TradingCalendar toThree = XNYS.withSessionHours(LocalTime.of(9, 30), LocalTime.of(15, 0));
        assertThat(toThree.session(LocalDate.of(2025, 7, 3)).orElseThrow().localClose()).isEqualTo("13:00");
        assertThat(toThree.session(LocalDate.of(2025, 7, 7)).orElseThrow().localClose()).isEqualTo("15:00");
        TradingCalendar morning = XNYS.withSessionHours(LocalTime.of(9, 30), LocalTime.of(12, 0));
        assertThat(morning.session(LocalDate.of(2025, 7, 3)).orElseThrow().localClose()).isEqualTo("12:00");

        // The original calendar is unchanged, and asking for its own hours gives it back.
        assertThat(XNYS.session(LocalDate.of(2025, 7, 7)).orElseThrow().localClose()).isEqualTo("16:00");
        assertThat(XNYS.withSessionHours(LocalTime.of(9, 30), LocalTime.of(16, 0))).isSameAs(XNYS);
    }

    @Test
    void aWindowThatAnEarlyCloseEndsBeforeItOpensHasNoSessionThatDay() {
        TradingCalendar afternoon = XNYS.withSessionHours(LocalTime.of(14, 0), LocalTime.of(16, 0));
        assertThat(afternoon.isTradingDay(LocalDate.of(2025, 11, 28))).isFalse();
        assertThat(afternoon.session(LocalDate.of(2025, 11, 26)).orElseThrow().localOpen()).isEqualTo("14:00");
        assertThat(afternoon.sessions(LocalDate.of(2025, 11, 24), LocalDate.of(2025, 12, 1)))
                .extracting(TradingSession::date).doesNotContain(LocalDate.of(2025, 11, 28)).hasSize(3);
        // A post-market window keeps the part after the early close: 16:00-20:00 becomes 16:00-17:00.
        TradingCalendar post = XNYS.withSessionHours(LocalTime.of(16, 0), LocalTime.of(20, 0));
        assertThat(post.session(LocalDate.of(2025, 11, 28)).orElseThrow().localClose()).isEqualTo("17:00");
    }

    @Test
    void sessionHoursMustStartBeforeTheyEnd() {
        assertThatThrownBy(() -> XNYS.withSessionHours(LocalTime.of(16, 0), LocalTime.of(9, 30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16:00").hasMessageContaining("09:30");
        assertThatThrownBy(() -> XNYS.withSessionHours(LocalTime.of(10, 0), LocalTime.of(10, 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tradingSessionMeasuresItself() {
        TradingSession full = XNYS.session(LocalDate.of(2025, 1, 2)).orElseThrow();
        assertThat(full.minutes()).isEqualTo(390);
        assertThat(full.duration()).isEqualTo(Duration.ofMinutes(390));
        assertThat(full.range().start()).isEqualTo(full.open());
        assertThat(full.range().end()).isEqualTo(full.close());
        assertThat(full.localClose()).isEqualTo("16:00");
        assertThat(XNYS.session(LocalDate.of(2025, 12, 24)).orElseThrow().minutes()).isEqualTo(210);
    }

    @Test
    void tradingSessionMustCloseAfterItOpens() {
        Instant t = Instant.parse("2025-01-02T14:30:00Z");
        assertThatThrownBy(() -> new TradingSession(LocalDate.of(2025, 1, 2), t, t, XNYS.zone(), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2025-01-02");
    }

    @ParameterizedTest
    @ValueSource(strings = {"XNYS", "xnys", "NYSE", "XNAS", "nasdaq", " XNYS "})
    void aliasesNameTheSameCalendar(String name) {
        assertThat(Calendars.byName(name)).isSameAs(XNYS);
    }

    @Test
    void unknownExchangeIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> Calendars.byName("XTKS"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown exchange 'XTKS'; known: XNYS, NYSE, XNAS, NASDAQ, XLON, LSE, CMES, CME, CBOT, "
                        + "COMEX, NYMEX, CMES-EQUITY, FX, 24/7, CRYPTO");
        assertThatThrownBy(() -> Calendars.byName(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"1990, 1990-04-15", "2000, 2000-04-23", "2008, 2008-03-23", "2011, 2011-04-24", "2019, 2019-04-21",
        "2024, 2024-03-31", "2025, 2025-04-20", "2030, 2030-04-21", "1818, 1818-03-22", "2038, 2038-04-25"})
    void easterSundayIsComputedForEveryYear(int year, LocalDate easter) {
        assertThat(XnysCalendar.easter(year)).isEqualTo(easter);
    }
}
