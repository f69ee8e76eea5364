package io.sessionflow.store.imports;

import static io.sessionflow.store.imports.ImportFixtures.bars;
import static io.sessionflow.store.imports.ImportFixtures.missingRth;
import static io.sessionflow.store.imports.ImportFixtures.rthBars;
import static io.sessionflow.store.imports.ImportFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.storage.Coverage;
import io.sessionflow.testing.InMemoryStore;
import io.sessionflow.testing.ReferenceData;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every CSV of the reference market data imports with the flags the README table gives, with the documented counts. */
class CsvReferenceImportTest {

    private static final String MARKETDATA = "marketdata";

    /** Rows of each reference CSV (relative to marketdata/), as the reference README counts them. */
    private static final Map<String, Integer> ROWS = Map.ofEntries(
            Map.entry("pyalgotrade/nt-spy-minute-2011.csv", 14180),
            Map.entry("pyalgotrade/nt-spy-minute-2011-03.csv", 17577),
            Map.entry("lumibot/yahoo_1m_2021-08/AAPL_Minute.csv", 1167),
            Map.entry("lumibot/yahoo_1m_2021-08/MSFT_Minute.csv", 1167),
            Map.entry("lumibot/yahoo_1m_2021-08/GLD_Minute.csv", 1166),
            Map.entry("lumibot/yahoo_1m_2021-08/TLT_Minute.csv", 1166),
            Map.entry("lumibot/yahoo_1m_2021-08/TSLA_Minute.csv", 1167),
            Map.entry("lumibot/alpaca_v1_iex_1m_2021/SPY_Minute_2021.csv", 12131),
            Map.entry("lumibot/alpaca_v1_iex_1m_2021/UPRO_Minute_2021.csv", 3090),
            Map.entry("lumibot/alpaca_v1_iex_1m_2021/SRNE_Minute.csv", 5745),
            Map.entry("lumibot/alpaca_v2_1m_2021-01/AMZN_MINUTE.csv", 2450));

    /** pyalgotrade's NinjaTrader export: no header, ';', UTC, end-stamped, no symbol in the file. */
    static ImportOptions pyalgotrade() {
        return ImportOptions.builder(ImportFormat.CSV).noHeader(true)
                .columns(List.of("time", "open", "high", "low", "close", "volume")).delimiter(';')
                .timeFormat("yyyyMMdd HHmmss").zone(ZoneOffset.UTC).barLabel(BarLabel.END)
                .symbol(Symbol.of("SPY")).build();
    }

    /** lumibot files need no flag: header, ISO times with offsets, symbol from the file name. */
    static ImportOptions lumibot() {
        return ImportOptions.builder(ImportFormat.CSV).build();
    }

    private static ImportOptions optionsFor(String relative) {
        return relative.startsWith("pyalgotrade/") ? pyalgotrade() : lumibot();
    }

    /**
     * Only the bar files listed in {@link #ROWS}: the reference folder also holds other CSVs (LEAN factor and map
     * files) and may gain more, which are no concern of this test.
     */
    @Test
    void everyKnownReferenceBarCsvImportsWithItsDocumentedRowCount() {
        Path root = ReferenceData.require(MARKETDATA);
        for (String csv : new TreeMap<>(ROWS).keySet()) {
            Path file = root.resolve(csv);
            assertThat(file).as("reference bar file " + csv).isRegularFile();
            InMemoryStore store = new InMemoryStore();
            ImportReport report = run(optionsFor(csv), store, file);
            FileReport imported = report.files().get(0);
            long expected = ROWS.get(csv);
            assertThat(imported.read()).as(csv).isEqualTo(expected);
            assertThat(imported.inserted()).as(csv).isEqualTo(expected);
            assertThat(imported.skipped() + imported.duplicates() + imported.updated()).as(csv).isZero();
            assertThat(store.barCoverage()).as(csv).singleElement()
                    .satisfies(c -> assertThat(c.rows()).isEqualTo(expected));
        }
    }

    @Test
    void symbolsComeFromTheFileNameOrTheFlag() {
        Path aapl = ReferenceData.require(MARKETDATA + "/lumibot/yahoo_1m_2021-08/AAPL_Minute.csv");
        Path upro = ReferenceData.require(MARKETDATA + "/lumibot/alpaca_v1_iex_1m_2021/UPRO_Minute_2021.csv");
        Path nt = ReferenceData.require(MARKETDATA + "/pyalgotrade/nt-spy-minute-2011.csv");
        InMemoryStore store = new InMemoryStore();
        ImportReport lumi = run(lumibot(), store, aapl, upro);
        ImportReport ninja = run(pyalgotrade(), store, nt);
        assertThat(lumi.files()).extracting(FileReport::symbols, FileReport::symbolSource).containsExactly(
                tuple(List.of(Symbol.of("AAPL")), "file name"),
                tuple(List.of(Symbol.of("UPRO")), "file name"));
        assertThat(ninja.files().get(0).symbols()).containsExactly(Symbol.of("SPY"));
        assertThat(ninja.files().get(0).symbolSource()).isEqualTo("--symbol");
        assertThat(store.barCoverage()).extracting(Coverage::symbol)
                .containsExactly(Symbol.of("AAPL"), Symbol.of("SPY"), Symbol.of("UPRO"));
    }

    @Test
    void pyalgotradeEndLabelsBecomeBarStarts() {
        InMemoryStore store = new InMemoryStore();
        run(pyalgotrade(), store, ReferenceData.require(MARKETDATA + "/pyalgotrade/nt-spy-minute-2011-03.csv"));
        BarSeries spy = bars(store, "SPY");
        Bar open = barAt(spy, Instant.parse("2011-03-09T14:30:00Z"));  // labelled 20110309 143100: 09:30 ET
        assertThat(open.close()).isEqualTo(132.35);
        Bar last = barAt(spy, Instant.parse("2011-03-09T20:59:00Z"));  // labelled 20110309 210000: 15:59 ET
        assertThat(last.close()).isEqualTo(132.39);
        // the first row, 20110301 090100, is the 04:00 ET bar; the March file's last, 20110331 235900, 19:58 ET
        assertThat(Micros.toInstant(spy.startMicros(0))).isEqualTo(Instant.parse("2011-03-01T09:00:00Z"));
        assertThat(Micros.toInstant(spy.startMicros(spy.size() - 1))).isEqualTo(Instant.parse("2011-03-31T23:58:00Z"));
    }

    @Test
    void pyalgotradeHasEveryRegularMinuteOfItsSessionsAcrossTheDstChange() {
        InMemoryStore store = new InMemoryStore();
        run(pyalgotrade(), store, ReferenceData.require(MARKETDATA + "/pyalgotrade/nt-spy-minute-2011.csv"),
                ReferenceData.require(MARKETDATA + "/pyalgotrade/nt-spy-minute-2011-03.csv"));
        List<TradingSession> sessions = new ArrayList<>();
        sessions.addAll(Calendars.xnys().sessions(LocalDate.of(2011, 1, 1), LocalDate.of(2011, 2, 1)));
        sessions.addAll(Calendars.xnys().sessions(LocalDate.of(2011, 3, 1), LocalDate.of(2011, 4, 1)));
        assertThat(sessions).hasSize(43);
        for (TradingSession s : sessions) {
            assertThat(rthBars(store, "SPY", s.date())).as(s.date().toString()).isEqualTo(390);
        }
        // MLK day 2011-01-17: no session, and no rows at all on that New York date
        assertThat(store.readBars(Symbol.of("SPY"), Interval.ONE_MINUTE,
                TimeRange.of(Instant.parse("2011-01-17T05:00:00Z"),
                        Instant.parse("2011-01-18T05:00:00Z")))).isEmpty();
    }

    @Test
    void lumibotGapsAreTheDocumentedOnes() {
        InMemoryStore store = new InMemoryStore();
        String iex = MARKETDATA + "/lumibot/alpaca_v1_iex_1m_2021/";
        String yahoo = MARKETDATA + "/lumibot/yahoo_1m_2021-08/";
        run(lumibot(), store, ReferenceData.require(iex + "SPY_Minute_2021.csv"),
                ReferenceData.require(iex + "UPRO_Minute_2021.csv"), ReferenceData.require(iex + "SRNE_Minute.csv"),
                ReferenceData.require(yahoo + "AAPL_Minute.csv"), ReferenceData.require(yahoo + "GLD_Minute.csv"),
                ReferenceData.require(yahoo + "TLT_Minute.csv"),
                ReferenceData.require(MARKETDATA + "/lumibot/alpaca_v2_1m_2021-01/AMZN_MINUTE.csv"));
        LocalDate from = LocalDate.of(2021, 7, 1);
        LocalDate to = LocalDate.of(2021, 8, 13);
        assertThat(Calendars.xnys().sessions(from, to.plusDays(1))).hasSize(31);
        assertThat(missingRth(store, "SPY", from, to)).isEqualTo(458);
        assertThat(missingRth(store, "UPRO", from, to)).isEqualTo(9008);
        assertThat(missingRth(store, "SRNE", from, to)).isEqualTo(6353);
        Map<String, List<Integer>> yahooMissing = new TreeMap<>();
        for (String s : List.of("AAPL", "GLD", "TLT")) {
            yahooMissing.put(s, Stream.of(23, 24, 25)
                    .map(d -> 390 - rthBars(store, s, LocalDate.of(2021, 8, d))).toList());
        }
        assertThat(yahooMissing).containsExactlyInAnyOrderEntriesOf(Map.of(
                "AAPL", List.of(1, 1, 1), "GLD", List.of(2, 1, 1), "TLT", List.of(2, 1, 1)));
        assertThat(Stream.of(4, 5, 6, 7, 8).map(d -> 390 - rthBars(store, "AMZN", LocalDate.of(2021, 1, d))))
                .containsExactly(0, 3, 1, 2, 0);
    }

    @Test
    void amznKeepsTradeCountAndVwapAndReadsFloatVolumes() {
        InMemoryStore store = new InMemoryStore();
        run(lumibot(), store, ReferenceData.require(MARKETDATA + "/lumibot/alpaca_v2_1m_2021-01/AMZN_MINUTE.csv"));
        BarSeries amzn = bars(store, "AMZN");
        Bar open = barAt(amzn, Instant.parse("2021-01-04T14:30:00Z"));
        assertThat(open.volume()).isEqualTo(2_399_220);  // written as 2399220.0
        assertThat(open.tradeCount()).isEqualTo(2080);
        assertThat(open.vwap()).isEqualTo(163.48);
        Bar closingCross = barAt(amzn, Instant.parse("2021-01-04T21:00:00Z"));
        assertThat(closingCross.volume()).isEqualTo(12_208_540);
        assertThat(closingCross.close()).isEqualTo(159.33);
    }

    @Test
    void yahooFloatNoiseAndZeroVolumeBarsLoad() {
        InMemoryStore store = new InMemoryStore();
        String yahoo = MARKETDATA + "/lumibot/yahoo_1m_2021-08/";
        run(lumibot(), store, ReferenceData.require(yahoo + "AAPL_Minute.csv"),
                ReferenceData.require(yahoo + "MSFT_Minute.csv"));
        Bar first = bars(store, "AAPL").get(0);
        assertThat(first.start()).isEqualTo(Instant.parse("2021-08-23T13:30:00Z"));
        assertThat(first.low()).isEqualTo(148.3000030517578);
        assertThat(Math.round(first.close() * 100) / 100.0).isEqualTo(148.49);
        assertThat(bars(store, "MSFT").stream().filter(b -> b.volume() == 0).map(Bar::start)).containsExactly(
                Instant.parse("2021-08-23T16:57:00Z"), Instant.parse("2021-08-25T16:03:00Z"));
    }

    @Test
    void reimportingChangesNothingAndSaysSo() {
        Path nt = ReferenceData.require(MARKETDATA + "/pyalgotrade/nt-spy-minute-2011.csv");
        InMemoryStore store = new InMemoryStore();
        ImportReport first = run(pyalgotrade(), store, nt);
        List<Coverage> before = store.barCoverage();
        ImportReport again = run(pyalgotrade(), store, nt);
        assertThat(first.inserted()).isEqualTo(14180);
        assertThat(again.changedNothing()).isTrue();
        assertThat(again.inserted()).isZero();
        assertThat(again.duplicates()).isEqualTo(14180);
        assertThat(store.barCoverage()).isEqualTo(before);
    }

    @Test
    void corruptedRowsOfAReferenceFileAreRejectedWithFileAndLine(@TempDir Path dir) throws IOException {
        Path aapl = ReferenceData.require(MARKETDATA + "/lumibot/yahoo_1m_2021-08/AAPL_Minute.csv");
        String row = "2021-08-23 09:31:00-04:00,%s,%s,148.47000122070312,148.6999969482422,%s";
        Map<String, String> cases = Map.of(
                String.format(row, "abc", "148.75", "165782"), "open 'abc' is not a number",
                String.format(row, "148.5", "NaN", "165782"), "high is NaN",
                String.format(row, "148.5", "148.0", "165782"), "high 148.0 is below low 148.47000122070312",
                String.format(row, "148.5", "148.75", "-165782"), "volume -165782 is negative",
                String.format(row, "148.5", "148.75", "1e400"), "volume '1e400' is not finite");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path broken = ImportFixtures.withLine(aapl, dir, 3, c.getKey());
            InMemoryStore store = new InMemoryStore();
            run(lumibot(), store, ReferenceData.require(MARKETDATA + "/lumibot/yahoo_1m_2021-08/MSFT_Minute.csv"));
            List<Coverage> before = store.barCoverage();

            assertThatThrownBy(() -> run(lumibot(), store, broken)).isInstanceOf(ImportException.class)
                    .hasMessage(broken + ":3: " + c.getValue());
            assertThat(store.barCoverage()).as("nothing written").isEqualTo(before);

            ImportReport skipped = run(ImportOptions.builder(ImportFormat.CSV).skipBad(true).build(), store, broken);
            FileReport file = skipped.files().get(0);
            assertThat(file.read()).isEqualTo(1167);
            assertThat(file.inserted()).isEqualTo(1166);
            assertThat(file.skipped()).isEqualTo(1);
            assertThat(file.badRows()).containsExactly(broken + ":3: " + c.getValue());
        }
    }

    @Test
    void aBadRowInALaterFileWritesNothingFromTheEarlierOnes(@TempDir Path dir) throws IOException {
        Path good = ReferenceData.require(MARKETDATA + "/lumibot/yahoo_1m_2021-08/TSLA_Minute.csv");
        Path broken = ImportFixtures.withLine(
                ReferenceData.require(MARKETDATA + "/lumibot/yahoo_1m_2021-08/GLD_Minute.csv"), dir, 10,
                "2021-08-23 09:39:00-04:00,1,2,3,4,5");
        InMemoryStore store = new InMemoryStore();
        assertThatThrownBy(() -> run(lumibot(), store, good, broken))
                .hasMessage(broken + ":10: high 2.0 is below low 3.0");
        assertThat(store.barCoverage()).isEmpty();
    }

    private static Bar barAt(BarSeries series, Instant start) {
        return series.stream().filter(b -> b.start().equals(start)).findFirst().orElseThrow();
    }
}
