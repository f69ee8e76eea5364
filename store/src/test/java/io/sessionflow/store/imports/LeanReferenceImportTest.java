package io.sessionflow.store.imports;

import static io.sessionflow.store.imports.ImportFixtures.ALL_TIME;
import static io.sessionflow.store.imports.ImportFixtures.bars;
import static io.sessionflow.store.imports.ImportFixtures.rthBars;
import static io.sessionflow.store.imports.ImportFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.QuoteBar;
import io.sessionflow.domain.QuoteBarSeries;
import io.sessionflow.domain.QuoteSeries;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.domain.TradeSeries;
import io.sessionflow.storage.Coverage;
import io.sessionflow.testing.InMemoryStore;
import io.sessionflow.testing.ReferenceData;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The LEAN reference zips import with exactly the row, regular-hours and quote counts of the reference README. */
class LeanReferenceImportTest {

    private static final String MINUTE = "marketdata/lean/equity/usa/minute";
    private static final String TICK = "marketdata/lean/equity/usa/tick/ibm";

    /** symbol, date, trade rows, trade bars starting in regular hours, quote rows ("-": no quote file). */
    private static final String README_TABLE = """
            AAPL 2014-06-05 686 390 830
            AAPL 2014-06-06 783 390 835
            AAPL 2014-06-09 834 390 847
            AIG 2013-10-04 416 390 482
            AIG 2013-10-07 433 389 522
            AIG 2013-10-08 429 390 514
            AIG 2013-10-09 427 390 531
            AIG 2013-10-10 432 390 520
            AIG 2013-10-11 421 390 473
            BAC 2013-10-04 517 390 599
            BAC 2013-10-07 595 390 641
            BAC 2013-10-08 573 390 636
            BAC 2013-10-09 541 390 620
            BAC 2013-10-10 646 390 716
            BAC 2013-10-11 594 390 641
            FOXA 2013-07-01 408 390 435
            FOXA 2013-07-02 404 390 478
            GOOG 2015-12-23 432 390 -
            GOOG 2015-12-24 227 210 260
            GOOG 2015-12-28 432 382 480
            IBM 2013-10-04 411 389 545
            IBM 2013-10-07 453 390 554
            IBM 2013-10-08 424 390 594
            IBM 2013-10-09 423 390 579
            IBM 2013-10-10 434 390 584
            IBM 2013-10-11 421 389 542
            NWSA 2013-06-27 401 390 473
            NWSA 2013-06-28 417 390 459
            SHY 2008-03-07 336 333 447
            SHY 2008-03-10 316 313 463
            SPY 2013-10-04 711 390 855
            SPY 2013-10-07 828 390 908
            SPY 2013-10-08 828 390 910
            SPY 2013-10-09 813 390 902
            SPY 2013-10-10 883 390 941
            SPY 2013-10-11 776 390 896
            SPY 2023-08-03 947 390 961
            TWX 2014-06-05 398 390 476
            TWX 2014-06-06 397 387 494
            TWX 2014-06-09 405 390 499
            """;

    private record Day(String symbol, LocalDate date, int tradeRows, int rth, Integer quoteRows) {
        String file(String kind) {
            return symbol.toLowerCase() + "/" + date.toString().replace("-", "") + "_" + kind + ".zip";
        }
    }

    private static final List<Day> DAYS = README_TABLE.lines().map(l -> l.trim().split(" "))
            .map(f -> new Day(f[0], LocalDate.parse(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                    f[4].equals("-") ? null : Integer.valueOf(f[4])))
            .toList();

    private static InMemoryStore store;
    private static ImportReport report;

    /** The whole minute folder in one import: 40 trade and 39 quote zips. */
    @BeforeAll
    static void importMinuteFolder() {
        Path minute = ReferenceData.require(MINUTE);
        store = new InMemoryStore();
        report = run(lean(), store, minute);
    }

    static ImportOptions lean() {
        return ImportOptions.builder(ImportFormat.LEAN).build();
    }

    @Test
    void everyMinuteFileIsImportedWithItsRowCount() {
        Map<String, FileReport> byFile = report.files().stream()
                .collect(Collectors.toMap(f -> Path.of(f.file()).getParent().getFileName() + "/"
                        + Path.of(f.file()).getFileName(), f -> f));
        assertThat(byFile).hasSize(79);
        assertThat(report.ignored()).isEmpty();
        for (Day d : DAYS) {
            FileReport trade = byFile.get(d.file("trade"));
            assertThat(trade.content()).isEqualTo("1m bars");
            assertThat(trade.symbols()).containsExactly(Symbol.of(d.symbol()));
            assertThat(trade.read()).as(d.file("trade")).isEqualTo((long) d.tradeRows());
            assertThat(trade.inserted()).as(d.file("trade")).isEqualTo((long) d.tradeRows());
            if (d.quoteRows() != null) {
                FileReport quote = byFile.get(d.file("quote"));
                assertThat(quote.content()).isEqualTo("1m quote bars");
                assertThat(quote.read()).as(d.file("quote")).isEqualTo((long) d.quoteRows());
                assertThat(quote.inserted()).as(d.file("quote")).isEqualTo((long) d.quoteRows());
            }
        }
        assertThat(report.read()).isEqualTo(DAYS.stream().mapToLong(d -> d.tradeRows()
                + (d.quoteRows() == null ? 0 : d.quoteRows())).sum());
        assertThat(report.skipped() + report.duplicates() + report.updated()).isZero();
    }

    @Test
    void regularHoursBarsPerDayAreTheReadmeFigures() {
        for (Day d : DAYS) {
            assertThat(rthBars(store, d.symbol(), d.date())).as(d.symbol() + " " + d.date()).isEqualTo(d.rth());
        }
        // the illiquid and early-close cases, spelled out
        assertThat(390 - rthBars(store, "SHY", LocalDate.of(2008, 3, 7))).isEqualTo(57);
        assertThat(390 - rthBars(store, "SHY", LocalDate.of(2008, 3, 10))).isEqualTo(77);
        assertThat(rthBars(store, "GOOG", LocalDate.of(2015, 12, 24))).isEqualTo(210);
        assertThat(DAYS.stream().filter(d -> d.symbol().equals("SPY")).map(d -> rthBars(store, "SPY", d.date())))
                .hasSize(7).containsOnly(390);
    }

    @Test
    void storeHoldsTheDocumentedTotals() {
        Map<Symbol, Long> barRows = store.barCoverage().stream()
                .collect(Collectors.toMap(Coverage::symbol, Coverage::rows));
        Map<Symbol, Long> expected = new HashMap<>();
        DAYS.forEach(d -> expected.merge(Symbol.of(d.symbol()), (long) d.tradeRows(), Long::sum));
        assertThat(barRows).isEqualTo(expected);
        assertThat(bars(store, "SPY").stream().filter(b -> b.start().atZone(java.time.ZoneOffset.UTC)
                .toLocalDate().equals(LocalDate.of(2013, 10, 7)))).hasSize(828);
        assertThat(store.quoteCoverage()).as("minute quote zips hold quote bars, not quotes").isEmpty();
        long quoteRows = store.quoteBarCoverage().stream().mapToLong(Coverage::rows).sum();
        assertThat(quoteRows).isEqualTo(DAYS.stream().filter(d -> d.quoteRows() != null)
                .mapToLong(Day::quoteRows).sum());
        assertThat(store.tradeCoverage()).isEmpty();
    }

    @Test
    void pricesAreDeciCentsAndTimesNewYorkBarStarts() {
        BarSeries aapl = bars(store, "AAPL");
        Bar splitDay = aapl.stream().filter(b -> b.start().equals(Instant.parse("2014-06-09T08:00:00Z")))
                .findFirst().orElseThrow();  // 04:00 EDT
        assertThat(splitDay.open()).isEqualTo(645.57);
        assertThat(splitDay.close()).isEqualTo(92.42);
        assertThat(splitDay.high()).isEqualTo(645.57);
        assertThat(splitDay.low()).isEqualTo(92.23);
        assertThat(splitDay.volume()).isEqualTo(600);
        Bar spyOpen = bars(store, "SPY").stream().filter(b -> b.start().equals(Instant.parse("2013-10-07T13:30:00Z")))
                .findFirst().orElseThrow();
        assertThat(spyOpen.open()).isEqualTo(167.43);
        // SHY 2008-03-07 is EST: its first bar, 08:54 ET, is 13:54Z; 2008-03-10 is EDT: 08:33 ET is 12:33Z
        assertThat(bars(store, "SHY").get(0).start()).isEqualTo(Instant.parse("2008-03-07T13:54:00Z"));
        assertThat(bars(store, "SHY").stream().map(Bar::start))
                .contains(Instant.parse("2008-03-10T12:33:00Z"));
    }

    @Test
    void quoteBarsAreStoredWhole() {
        QuoteBarSeries spy = store.readQuoteBars(List.of(Symbol.of("SPY")), Interval.ONE_MINUTE, TimeRange.of(
                Instant.parse("2013-10-07T04:00:00Z"), Instant.parse("2013-10-08T04:00:00Z")));  // New York day
        assertThat(spy).hasSize(908);
        // 14400000,1672700,1672700,1671500,1672500,300,1680000,1680000,1672600,1672700,20000: the 04:00 bar
        assertThat(spy.get(0)).isEqualTo(QuoteBar.of(Symbol.of("SPY"), Instant.parse("2013-10-07T08:00:00Z"),
                Interval.ONE_MINUTE, 167.27, 167.27, 167.15, 167.25, 300, 168.0, 168.0, 167.26, 167.27, 20000));
    }

    @Test
    void quoteBarsWithAnEmptySideHaveThatSideAbsent() {
        QuoteBarSeries all = store.readQuoteBars(List.of(Symbol.of("FOXA"), Symbol.of("NWSA"), Symbol.of("TWX")),
                Interval.ONE_MINUTE, ALL_TIME);
        Map<String, Long> noAsk = all.stream().filter(q -> !q.hasAsk())
                .collect(Collectors.groupingBy(q -> q.symbol() + " " + q.start().toString().substring(0, 10),
                        Collectors.counting()));
        Map<String, Long> noBid = all.stream().filter(q -> !q.hasBid())
                .collect(Collectors.groupingBy(q -> q.symbol() + " " + q.start().toString().substring(0, 10),
                        Collectors.counting()));
        assertThat(noAsk).isEqualTo(Map.of("FOXA 2013-07-01", 1L, "FOXA 2013-07-02", 3L, "NWSA 2013-06-27", 1L,
                "NWSA 2013-06-28", 2L));
        assertThat(noBid).isEqualTo(Map.of("TWX 2014-06-09", 5L));
        // 14400000,,,,,0,704900,704900,704900,704900,500: TWX 04:00 bar, ask only
        QuoteBar twx = all.stream().filter(q -> q.start().equals(Instant.parse("2014-06-09T08:00:00Z"))).findFirst()
                .orElseThrow();
        assertThat(new double[] {twx.bidOpen(), twx.bidClose(), twx.bidSize(), twx.askOpen(), twx.askClose(),
            twx.askSize()}).containsExactly(Double.NaN, Double.NaN, 0, 70.49, 70.49, 500);
    }

    @Test
    void reimportingTheFolderChangesNothing() {
        InMemoryStore again = new InMemoryStore();
        Path minute = ReferenceData.require(MINUTE);
        run(lean(), again, minute.resolve("spy"), minute.resolve("shy/20080307_trade.zip"));
        List<Coverage> bars = again.barCoverage();
        List<Coverage> quotes = again.quoteBarCoverage();
        ImportReport second = run(lean(), again, minute.resolve("spy"), minute.resolve("shy/20080307_trade.zip"));
        assertThat(second.changedNothing()).isTrue();
        assertThat(second.duplicates()).isEqualTo(second.read()).isEqualTo(5786 + 6373 + 336);
        assertThat(again.barCoverage()).isEqualTo(bars);
        assertThat(again.quoteBarCoverage()).isEqualTo(quotes);
    }

    @Test
    void tickFilesGiveTradesAndOneSidedQuotes() {
        InMemoryStore ticks = new InMemoryStore();
        Path tick = ReferenceData.require(TICK);
        ImportReport r = run(lean(), ticks, tick);
        assertThat(r.files()).extracting(FileReport::content, FileReport::read, FileReport::inserted,
                FileReport::suspicious).containsExactly(
                org.assertj.core.groups.Tuple.tuple("quote ticks", 99852L, 99852L, 0L),
                org.assertj.core.groups.Tuple.tuple("trade ticks", 19264L, 19264L, 0L));
        TradeSeries trades = ticks.readTrades(List.of(Symbol.of("IBM")), ALL_TIME);
        assertThat(trades).hasSize(19264);
        // 29475725,1849900,100,P,20002020,0 is 08:11:15.725 EDT
        assertThat(trades.get(0).time()).isEqualTo(Instant.parse("2013-10-11T12:11:15.725Z"));
        assertThat(trades.get(0).price()).isEqualTo(184.99);
        assertThat(trades.get(0).size()).isEqualTo(100);
        QuoteSeries quotes = ticks.readQuotes(List.of(Symbol.of("IBM")), ALL_TIME);
        assertThat(quotes).hasSize(99852);
        assertThat(quotes.stream().filter(q -> q.hasBid() && !q.hasAsk())).hasSize(49926);
        assertThat(quotes.stream().filter(q -> q.hasAsk() && !q.hasBid())).hasSize(49926);
        assertThat(run(lean(), ticks, tick).changedNothing()).isTrue();
    }

    @Test
    void tradeTicksAddUpToTheMinuteBarVolumes() {
        InMemoryStore ticks = new InMemoryStore();
        run(lean(), ticks, ReferenceData.require(TICK + "/20131011_trade.zip"),
                ReferenceData.require(MINUTE + "/ibm/20131011_trade.zip"));
        Map<Instant, Double> tickVolume = ticks.readTrades(List.of(Symbol.of("IBM")), ALL_TIME).stream()
                .collect(Collectors.groupingBy(t -> t.time().truncatedTo(java.time.temporal.ChronoUnit.MINUTES),
                        Collectors.summingDouble(io.sessionflow.domain.Trade::size)));
        long matching = bars(ticks, "IBM").stream()
                .filter(b -> Double.valueOf(b.volume()).equals(tickVolume.get(b.start()))).count();
        assertThat(matching).isEqualTo(418);  // of 421, as the reference README found
    }

    @Test
    void theWholeEquityFolderImportsInOneGoWithQuoteBarsBesideQuoteTicks() {
        Path root = ReferenceData.require("marketdata/lean/equity");
        InMemoryStore s = new InMemoryStore();
        ImportReport r = run(lean(), s, root);
        assertThat(r.files()).hasSize(79 + 2 + 6);  // minute and tick zips, and the six daily zips
        Path usa = root.resolve("usa");
        assertThat(r.files()).extracting(FileReport::file).contains(usa.resolve("daily/spy.zip").toString());
        assertThat(s.readBars(List.of(Symbol.of("SPY")), Interval.SESSION, ALL_TIME)).hasSize(5_849);
        // the factor and map files are recorded, not ignored: 8 factor files and 7 map files
        assertThat(r.ignored()).noneMatch(p -> p.contains("factor_files") || p.contains("map_files"));
        assertThat(r.corporate()).hasSize(8 + 7);
        assertThat(s.factorFile(Symbol.of("AAPL"))).isPresent();
        assertThat(r.skipped() + r.duplicates() + r.updated()).isZero();
        // IBM 2013-10-11 has both a minute quote zip and a quote tick zip: neither overwrites the other
        TimeRange day = TimeRange.of(Instant.parse("2013-10-11T04:00:00Z"), Instant.parse("2013-10-12T04:00:00Z"));
        int minuteQuotes = DAYS.stream().filter(d -> d.symbol().equals("IBM") && d.date().equals(
                LocalDate.of(2013, 10, 11))).findFirst().orElseThrow().quoteRows();
        assertThat(s.readQuoteBars(List.of(Symbol.of("IBM")), Interval.ONE_MINUTE, day)).hasSize(minuteQuotes);
        assertThat(s.readQuotes(List.of(Symbol.of("IBM")), day)).hasSize(99852);
        assertThat(run(lean(), s, root).changedNothing()).isTrue();
    }
}
