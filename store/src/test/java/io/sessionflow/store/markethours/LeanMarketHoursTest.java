package io.sessionflow.store.markethours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.SessionSegment;
import io.sessionflow.calendar.SessionSegment.Kind;
import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.testing.ReferenceData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * LEAN's market-hours database as calendars: ES (an overnight market in per-weekday segments), FX, US equities and
 * crypto, against hand-checked sessions, the built-in calendars and LEAN's real minute files. The 3 MB file is
 * parsed once for the class. Skipped when the reference data is absent.
 */
class LeanMarketHoursTest {

    private static final String FILE = "marketdata/lean/market-hours/market-hours-database.json";
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static LeanMarketHours database;

    private static synchronized LeanMarketHours db() {
        if (database == null) {
            database = LeanMarketHours.read(ReferenceData.require(FILE));
        }
        return database;
    }

    @Test
    void everyEntryBuildsACalendar(TestReporter reporter) {
        List<String> keys = db().keys();
        assertThat(keys).hasSize(549).contains("Future-cme-ES", "Equity-usa-[*]", "Forex-oanda-[*]",
                "Crypto-coinbase-[*]");
        for (String key : keys) {  // every entry parses and assembles (over two years, to keep the test short)
            TradingCalendar c = db().calendar(key, LocalDate.of(2013, 1, 1), LocalDate.of(2014, 12, 31));
            assertThat(c.name()).isEqualTo(key);
        }
        for (String key : List.of("Future-cme-ES", "Equity-usa-[*]", "Forex-oanda-[*]", "Crypto-coinbase-[*]")) {
            long t0 = System.nanoTime();
            TradingCalendar c = db().calendar(key);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(c.firstDate()).isEqualTo(LeanMarketHours.FIRST);
            assertThat(c.lastDate()).isEqualTo(LeanMarketHours.LAST);
            reporter.publishEntry(key + " calendar 1998-2030 built, ms", Long.toString(ms));
        }
    }

    @Test
    void esSessionsRunFromTheEveningReopeningToTheNextClose() {
        TradingCalendar es = db().calendar("future-cme-es");
        assertThat(es.name()).isEqualTo("Future-cme-ES");
        assertThat(es.zone()).isEqualTo(NEW_YORK);
        assertThat(es.session(LocalDate.of(2013, 10, 6))).isEmpty();  // Sunday: its evening is Monday's
        assertThat(es.session(LocalDate.of(2013, 10, 12))).isEmpty();
        TradingSession monday = es.session(LocalDate.of(2013, 10, 7)).orElseThrow();
        assertThat(monday.segments()).containsExactly(
                segment(Kind.PREMARKET, "2013-10-06T18:00", "2013-10-07T09:30"),
                segment(Kind.MARKET, "2013-10-07T09:30", "2013-10-07T17:00"));
        TradingSession tuesday = es.session(LocalDate.of(2013, 10, 8)).orElseThrow();
        assertThat(tuesday.segments()).containsExactly(
                segment(Kind.POSTMARKET, "2013-10-07T18:00", "2013-10-08T00:00"),
                segment(Kind.PREMARKET, "2013-10-08T00:00", "2013-10-08T09:30"),
                segment(Kind.MARKET, "2013-10-08T09:30", "2013-10-08T17:00"));
        assertThat(es.sessionContaining(at("2013-10-07T19:00")).orElseThrow().date()).isEqualTo("2013-10-08");
        assertThat(es.sessionContaining(at("2013-10-07T17:30"))).isEmpty();
        assertThat(es.session(LocalDate.of(2013, 10, 11)).orElseThrow().close()).isEqualTo(at("2013-10-11T17:00"));

        // MLK Day 2013: LEAN's early close 11:30 and late open 18:00 on one date: the evening is Tuesday's.
        TradingSession mlk = es.session(LocalDate.of(2013, 1, 21)).orElseThrow();
        assertThat(mlk.earlyClose()).isTrue();
        assertThat(mlk.close()).isEqualTo(at("2013-01-21T11:30"));
        assertThat(es.session(LocalDate.of(2013, 1, 22)).orElseThrow().open()).isEqualTo(at("2013-01-21T18:00"));
        // Christmas 2013 is a holiday of Future-cme-[*], inherited by ES.
        assertThat(es.session(LocalDate.of(2013, 12, 25))).isEmpty();
    }

    @Test
    void esMinutesOfOctober2013FallInLeanSessionsButLeansCurrentCloseCutsThe2013PostSettlementMinutes() {
        TradingCalendar es = db().calendar("Future-cme-ES");
        Set<LocalDate> dates = new TreeSet<>();
        List<Instant> outside = new ArrayList<>();
        for (int day = 6; day <= 11; day++) {
            for (Instant t : minutes("marketdata/lean/future/cme/minute/es", LocalDate.of(2013, 10, day), "trade",
                    "_201312.csv")) {
                TradingSession s = es.sessionContaining(t).orElse(null);
                if (s == null || s.segmentAt(t).isEmpty()) {
                    outside.add(t);
                } else {
                    dates.add(s.date());
                }
            }
        }
        assertThat(dates).containsExactly(LocalDate.of(2013, 10, 7), LocalDate.of(2013, 10, 8),
                LocalDate.of(2013, 10, 9), LocalDate.of(2013, 10, 10), LocalDate.of(2013, 10, 11));
        // LEAN's database has today's 17:00 ET close; in 2013 ES traded to 17:15 ET (CMES-EQUITY models that).
        assertThat(outside).isNotEmpty().allSatisfy(t -> assertThat(t.atZone(NEW_YORK).toLocalTime())
                .isBetween(LocalTime.of(17, 0), LocalTime.of(17, 14)));
    }

    @Test
    void fxFallsBackToTheMarketEntryAndPausesDaily() {
        assertThat(db().resolve("Forex-oanda-EURUSD")).isEqualTo("Forex-oanda-[*]");
        TradingCalendar fx = db().calendar("Forex-oanda-EURUSD");
        assertThat(fx.session(LocalDate.of(2014, 5, 3))).isEmpty();
        assertThat(fx.session(LocalDate.of(2014, 5, 4))).isEmpty();
        TradingSession monday = fx.session(LocalDate.of(2014, 5, 5)).orElseThrow();
        assertThat(monday.segments()).containsExactly(segment(Kind.MARKET, "2014-05-04T17:03", "2014-05-05T16:58"));
        TradingSession tuesday = fx.session(LocalDate.of(2014, 5, 6)).orElseThrow();
        assertThat(tuesday.open()).isEqualTo(at("2014-05-05T17:03"));
        assertThat(fx.sessionContaining(at("2014-05-05T17:00"))).isEmpty();  // the 16:58-17:03 pause
        // Christmas 2018: closed from the early close at 17:00 on the 24th to the late open at 17:00 on the 25th.
        assertThat(fx.session(LocalDate.of(2018, 12, 25))).isEmpty();
        assertThat(fx.session(LocalDate.of(2018, 12, 26)).orElseThrow().open()).isEqualTo(at("2018-12-25T17:03"));

        Set<LocalDate> dates = new TreeSet<>();
        for (int day : new int[] {1, 2, 4, 5, 6, 7, 8, 9}) {
            for (Instant t : minutes("marketdata/lean/forex/oanda/minute/eurusd", LocalDate.of(2014, 5, day),
                    "quote", ".csv")) {
                fx.sessionContaining(t).ifPresentOrElse(s -> dates.add(s.date()), () -> assertThat(
                        t.atZone(NEW_YORK).toLocalTime()).isBetween(LocalTime.of(16, 58), LocalTime.of(17, 2)));
            }
        }
        assertThat(dates).doesNotContain(LocalDate.of(2014, 5, 3), LocalDate.of(2014, 5, 4));
    }

    @Test
    void usEquitiesAreTheXnysExtendedDayWithItsSegments(TestReporter reporter) {
        TradingCalendar lean = db().calendar("Equity-usa-SPY");
        assertThat(lean.name()).isEqualTo("Equity-usa-[*]");
        TradingCalendar extended = Calendars.xnys().withSessionHours(LocalTime.of(4, 0), LocalTime.of(20, 0));
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (LocalDate d = LocalDate.of(1998, 1, 1); d.isBefore(LocalDate.of(2028, 1, 1)); d = d.plusDays(1)) {
            TradingSession a = lean.session(d).orElse(null);
            TradingSession x = extended.session(d).orElse(null);
            if (a == null || x == null) {
                if (a != x) {
                    differences.add(d + (a == null ? " closed in LEAN" : " closed on XNYS"));
                }
                continue;
            }
            compared++;
            TradingSession regular = Calendars.xnys().session(d).orElseThrow();
            if (!a.marketOpen().equals(regular.open()) || !a.marketClose().equals(regular.close())) {
                differences.add(d + " market " + a.marketOpen() + ".." + a.marketClose() + " in LEAN");
            } else if (!x.earlyClose() && !a.segments().equals(x.segments())) {
                differences.add(d + " segments " + a.segments());
            }
            // On an early-close day LEAN ends the whole day at the close; XNYS keeps post-market after it.
        }
        reporter.publishEntry("Equity-usa-[*] sessions 1998-2027 compared with XNYS", Integer.toString(compared));
        assertThat(differences).containsExactlyElementsOf(KNOWN_EQUITY_DIFFERENCES);
    }

    @Test
    void cryptoSessionsAreUtcDays() {
        TradingCalendar crypto = db().calendar("Crypto-coinbase-BTCUSD");
        LocalDate from = LocalDate.of(2016, 1, 1);
        LocalDate to = LocalDate.of(2017, 1, 1);
        assertThat(crypto.sessions(from, to)).extracting(TradingSession::segments)
                .isEqualTo(Calendars.allWeek().sessions(from, to).stream().map(TradingSession::segments).toList())
                .hasSize(366);
    }

    @Test
    void unknownKeysAndBadFilesAreNamed(@TempDir Path dir) throws IOException {
        assertThat(db().resolve("Future-cme-NOSUCH")).isEqualTo("Future-cme-[*]");
        assertThatThrownBy(() -> db().calendar("Equity-mars-SPY"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no entry 'Equity-mars-SPY' nor 'Equity-mars-[*]'");
        assertThatThrownBy(() -> db().calendar("ES"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ES' is not SecurityType-market");
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> LeanMarketHours.read(missing)).hasMessage("market-hours file " + missing
                + " does not exist");
        Path notJson = Files.writeString(dir.resolve("bad.json"), "{\"entries\": {\n  \"a\": [1,\n");
        assertThatThrownBy(() -> LeanMarketHours.read(notJson)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("market-hours file " + notJson + " is not JSON");
        Path other = Files.writeString(dir.resolve("other.json"), "{\"rows\": []}");
        assertThatThrownBy(() -> LeanMarketHours.read(other)).hasMessageContaining("has no \"entries\" object");
        Path badTime = Files.writeString(dir.resolve("t.json"), "{\"entries\": {\"Equity-x-[*]\": {"
                + "\"exchangeTimeZone\": \"UTC\", \"monday\": [{\"start\": \"9h\", \"end\": \"10:00:00\", "
                + "\"state\": \"market\"}], \"holidays\": []}}}");
        assertThatThrownBy(() -> LeanMarketHours.read(badTime).calendar("Equity-x-[*]"))
                .hasMessageContaining("entry Equity-x-[*]: monday: time '9h' is not HH:mm:ss");
    }

    /** Where LEAN's US equity hours and the XNYS rules (checked against exchange_calendars) disagree. */
    private static final List<String> KNOWN_EQUITY_DIFFERENCES = List.of(
            "1998-11-27 market 1998-11-27T14:30:00Z..1998-11-27T21:00:00Z in LEAN",  // LEAN lacks the 13:00 close
            "1998-12-24 market 1998-12-24T14:30:00Z..1998-12-24T21:00:00Z in LEAN",
            "1999-12-31 market 1999-12-31T14:30:00Z..1999-12-31T21:00:00Z in LEAN");

    private static SessionSegment segment(Kind kind, String from, String to) {
        return new SessionSegment(kind, at(from), at(to));
    }

    private static Instant at(String newYork) {
        return LocalDateTime.parse(newYork).atZone(NEW_YORK).toInstant();
    }

    /** Minute starts of a LEAN zip in UTC (file date + milliseconds of the day), entries ending {@code suffix}. */
    private static List<Instant> minutes(String folder, LocalDate date, String kind, String suffix) {
        Path zip = ReferenceData.require(folder + "/" + DateTimeFormatter.BASIC_ISO_DATE.format(date) + "_" + kind
                + ".zip");
        Instant midnight = date.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Instant> out = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (entry.getName().endsWith(suffix)) {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(z.getInputStream(entry),
                            StandardCharsets.US_ASCII))) {
                        r.lines().filter(l -> !l.isBlank())
                                .forEach(l -> out.add(midnight.plusMillis(Long.parseLong(l.split(",", 2)[0]))));
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(zip.toString(), e);
        }
        return out;
    }
}
