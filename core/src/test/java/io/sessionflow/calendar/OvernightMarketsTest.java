package io.sessionflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.calendar.SessionSegment.Kind;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The calendars whose sessions open the day before their date (CMES, CMES-EQUITY, FX) or have no weekends (24/7),
 * by hand-checked dates and against LEAN's real minute files (ES 2013-10-06..11, EURUSD 2014-05-01..09, BTCUSD
 * 2016-10-07..09); the file tests skip when the reference data is absent.
 */
class OvernightMarketsTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final String ES = "marketdata/lean/future/cme/minute/es";
    private static final String EURUSD = "marketdata/lean/forex/oanda/minute/eurusd";
    private static final String BTCUSD = "marketdata/lean/crypto/coinbase/minute/btcusd";

    @Test
    void cmesSessionOpensTheEveningBeforeAndIsFoundFromThatEvening() {
        TradingSession monday = Calendars.cmes().session(LocalDate.of(2013, 10, 7)).orElseThrow();
        assertThat(monday.open()).isEqualTo("2013-10-06T22:00:00Z");  // Sunday 17:00 CDT
        assertThat(monday.close()).isEqualTo("2013-10-07T22:00:00Z");
        assertThat(Calendars.cmes().sessionContaining(Instant.parse("2013-10-06T23:30:00Z"))).contains(monday);
        assertThat(Calendars.cmes().sessionContaining(Instant.parse("2013-10-06T21:59:00Z"))).isEmpty();
        assertThat(Calendars.cmes().session(LocalDate.of(2013, 10, 6))).isEmpty();  // no Sunday session
        assertThat(Calendars.byName("cbot")).isSameAs(Calendars.cmes());
        assertThat(Calendars.byName("NYMEX")).isSameAs(Calendars.cmes());
        assertThat(Calendars.byName("lse")).isSameAs(Calendars.xlon());
        assertThatThrownBy(() -> Calendars.cmes().withSessionHours(LocalTime.of(8, 30), LocalTime.of(15, 15)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CMES sessions run the day "
                        + "before 17:00 to 17:00 America/Chicago");
    }

    @Test
    void equityIndexHasTheDailyHaltAndTheCloseOfItsEra() {
        TradingCalendar es = Calendars.byName("CMES-EQUITY");
        assertThat(es).isSameAs(Calendars.cmesEquityIndex());
        TradingSession s = es.session(LocalDate.of(2013, 10, 8)).orElseThrow();
        assertThat(s.segments()).extracting(SessionSegment::kind).containsExactly(Kind.MARKET, Kind.MARKET);
        assertThat(s.segments().get(0).start()).isEqualTo(s.open()).isEqualTo("2013-10-07T22:00:00Z");
        assertThat(s.segments().get(0).end()).isEqualTo("2013-10-08T20:15:00Z");  // 15:15 CDT
        assertThat(s.segments().get(1).start()).isEqualTo("2013-10-08T20:30:00Z");
        assertThat(s.marketClose()).isEqualTo("2013-10-08T21:15:00Z");  // 16:15 CDT
        assertThat(s.close()).isEqualTo("2013-10-08T22:00:00Z");  // the CMES window
        assertThat(s.minutes(TradingSession.REGULAR)).isEqualTo(1335 + 45);
        assertThat(s.minutes()).isEqualTo(1440);
        assertThat(s.segmentAt(Instant.parse("2013-10-08T20:20:00Z"))).isEmpty();  // the halt

        assertThat(localMarketClose(es, LocalDate.of(2015, 9, 18))).isEqualTo("16:15");
        assertThat(localMarketClose(es, LocalDate.of(2015, 9, 21))).isEqualTo("16:00");
        TradingSession thanksgiving = es.session(LocalDate.of(2013, 11, 28)).orElseThrow();
        assertThat(thanksgiving.segments()).hasSize(1);
        assertThat(thanksgiving.marketClose()).isEqualTo(thanksgiving.close());
        assertThat(thanksgiving.localClose()).isEqualTo("12:00");

        assertThat(es.firstDate()).isEqualTo("2012-11-19");
        assertThat(es.session(es.firstDate()).orElseThrow().open().atZone(CHICAGO).toLocalDateTime())
                .isEqualTo("2012-11-18T17:00");
        assertThat(es.sessionContaining(Instant.parse("2012-11-18T23:00:00Z"))).isPresent();
        assertThatThrownBy(() -> es.session(LocalDate.of(2012, 11, 16)))
                .isInstanceOf(CalendarRangeException.class).hasMessageContaining("2012-11-19..2030-12-31");
    }

    private static LocalTime localMarketClose(TradingCalendar calendar, LocalDate date) {
        return calendar.session(date).orElseThrow().marketClose().atZone(CHICAGO).toLocalTime();
    }

    @Test
    void everyEsFrontMonthMinuteOfOctober2013IsTradingInTheSessionTheCalendarGivesIt() {
        TradingCalendar es = Calendars.cmesEquityIndex();
        Map<LocalDate, Integer> perSession = new TreeMap<>();
        Instant firstMinute = null;
        Instant lastMinute = null;
        for (LocalDate file = LocalDate.of(2013, 10, 6); !file.isAfter(LocalDate.of(2013, 10, 11));
             file = file.plusDays(1)) {
            for (Instant t : LeanMinuteFiles.minutes(ES, file, "trade", "_201312.csv")) {
                TradingSession s = es.sessionContaining(t).orElseThrow(() -> new AssertionError(t + " in no session"));
                assertThat(s.isTrading(t, TradingSession.REGULAR)).as("%s in a segment of %s", t, s.date()).isTrue();
                perSession.merge(s.date(), 1, Integer::sum);
                int minuteOfDay = t.atZone(ZoneOffset.UTC).toLocalTime().toSecondOfDay() / 60;
                boolean halted = (minuteOfDay >= 20 * 60 + 15 && minuteOfDay <= 20 * 60 + 29)
                        || (minuteOfDay >= 21 * 60 + 15 && minuteOfDay <= 21 * 60 + 59);
                assertThat(halted).as("halt 20:15-20:29 UTC, closed 21:15-21:59 UTC: %s", t).isFalse();
                firstMinute = firstMinute == null ? t : firstMinute;
                lastMinute = t;
            }
        }
        assertThat(perSession).containsOnlyKeys(LocalDate.of(2013, 10, 7), LocalDate.of(2013, 10, 8),
                LocalDate.of(2013, 10, 9), LocalDate.of(2013, 10, 10), LocalDate.of(2013, 10, 11));
        assertThat(firstMinute).isEqualTo("2013-10-06T22:00:00Z")  // Sunday 17:00 CDT
                .isEqualTo(es.session(LocalDate.of(2013, 10, 7)).orElseThrow().open());
        TradingSession friday = es.session(LocalDate.of(2013, 10, 11)).orElseThrow();
        assertThat(lastMinute).isEqualTo("2013-10-11T21:14:00Z").isEqualTo(friday.marketClose().minusSeconds(60));
        perSession.forEach((date, present) -> assertThat(present)
                .isLessThanOrEqualTo(es.session(date).orElseThrow().minutes(TradingSession.REGULAR)));
    }

    @Test
    void fxRunsSunday1700ToFriday1700NewYork() {
        TradingCalendar fx = Calendars.byName("fx");
        assertThat(fx.session(LocalDate.of(2014, 5, 3))).isEmpty();
        assertThat(fx.session(LocalDate.of(2014, 5, 4))).isEmpty();
        TradingSession monday = fx.session(LocalDate.of(2014, 5, 5)).orElseThrow();
        assertThat(monday.open().atZone(NEW_YORK).toLocalDateTime()).isEqualTo("2014-05-04T17:00");
        assertThat(monday.close().atZone(NEW_YORK).toLocalDateTime()).isEqualTo("2014-05-05T17:00");
        assertThat(fx.sessions(LocalDate.of(2014, 5, 1), LocalDate.of(2014, 5, 31))).hasSize(22)
                .allSatisfy(s -> assertThat(s.date().getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
    }

    @Test
    void everyEurusdMinuteOfMay2014IsInAnFxSession() {
        TradingCalendar fx = Calendars.fx();
        Map<LocalDate, Integer> perSession = new TreeMap<>();
        List<LocalDate> files = List.of(LocalDate.of(2014, 5, 1), LocalDate.of(2014, 5, 2), LocalDate.of(2014, 5, 4),
                LocalDate.of(2014, 5, 5), LocalDate.of(2014, 5, 6), LocalDate.of(2014, 5, 7),
                LocalDate.of(2014, 5, 8), LocalDate.of(2014, 5, 9));
        for (LocalDate file : files) {
            List<Instant> minutes = LeanMinuteFiles.minutes(EURUSD, file, "quote", ".csv");
            for (Instant t : minutes) {
                TradingSession s = fx.sessionContaining(t).orElseThrow(() -> new AssertionError(t + " in no session"));
                perSession.merge(s.date(), 1, Integer::sum);
            }
            if (file.getDayOfWeek() == DayOfWeek.FRIDAY && file.getDayOfMonth() == 2) {
                assertThat(minutes.get(minutes.size() - 1)).isEqualTo("2014-05-02T20:59:00Z")
                        .isEqualTo(fx.session(file).orElseThrow().close().minusSeconds(60));
            }
            if (file.getDayOfWeek() == DayOfWeek.SUNDAY) {
                assertThat(minutes.get(0)).isEqualTo("2014-05-04T21:00:00Z")
                        .isEqualTo(fx.session(LocalDate.of(2014, 5, 5)).orElseThrow().open());
            }
        }
        assertThat(perSession.keySet()).doesNotContain(LocalDate.of(2014, 5, 3), LocalDate.of(2014, 5, 4))
                .contains(LocalDate.of(2014, 5, 2), LocalDate.of(2014, 5, 5));
    }

    @Test
    void allWeekSessionsAreUtcDaysOrDaysRollingAtAConfiguredTime() {
        TradingCalendar utc = Calendars.byName("24/7");
        assertThat(Calendars.byName("crypto")).isSameAs(utc);
        TradingSession saturday = utc.session(LocalDate.of(2016, 10, 8)).orElseThrow();
        assertThat(saturday.open()).isEqualTo("2016-10-08T00:00:00Z");
        assertThat(saturday.close()).isEqualTo("2016-10-09T00:00:00Z");
        assertThat(utc.sessions(LocalDate.of(2016, 1, 1), LocalDate.of(2017, 1, 1))).hasSize(366);
        assertThat(utc.firstDate()).isEqualTo("1990-01-01");
        assertThat(utc.lastDate()).isEqualTo("2030-12-31");

        TradingCalendar rolled = Calendars.allWeek(LocalTime.of(17, 0), NEW_YORK);
        TradingSession s = rolled.session(LocalDate.of(2016, 10, 8)).orElseThrow();
        assertThat(s.open()).isEqualTo(ZonedDateTime.of(2016, 10, 7, 17, 0, 0, 0, NEW_YORK).toInstant());
        assertThat(s.close()).isEqualTo("2016-10-08T21:00:00Z");
        assertThat(rolled.sessionContaining(Instant.parse("2016-10-08T22:00:00Z")).orElseThrow().date())
                .isEqualTo("2016-10-09");
        // the day DST ends in New York has 25 hours
        assertThat(rolled.session(LocalDate.of(2016, 11, 6)).orElseThrow().minutes()).isEqualTo(25 * 60);
    }

    @Test
    void everyBtcusdMinuteIsInTheSessionOfItsUtcDay() {
        TradingCalendar utc = Calendars.allWeek();
        for (LocalDate day = LocalDate.of(2016, 10, 7); !day.isAfter(LocalDate.of(2016, 10, 9));
             day = day.plusDays(1)) {
            LocalDate d = day;
            List<Instant> minutes = LeanMinuteFiles.minutes(BTCUSD, day, "trade", ".csv");
            assertThat(minutes).allSatisfy(t -> assertThat(utc.sessionContaining(t).orElseThrow().date())
                    .isEqualTo(d));
            assertThat(utc.session(day).orElseThrow().minutes(TradingSession.REGULAR)).isEqualTo(1440);
        }
    }
}
