package io.sessionflow.store.imports;

import static io.sessionflow.store.imports.ImportFixtures.bars;
import static io.sessionflow.store.imports.ImportFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Symbol;
import io.sessionflow.testing.InMemoryStore;
import io.sessionflow.testing.ReferenceData;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LEAN's CME E-mini S&P zips (one CSV per contract, UTC, plain decimal prices) import as one symbol per contract,
 * named as traders name them, with the row counts of the files, and as a continuous front-month series.
 */
class LeanFuturesImportTest {

    private static final String ES = "marketdata/lean/future/cme/minute/es";

    private static InMemoryStore store;
    private static ImportReport report;

    @BeforeAll
    static void importFolder() {
        Path folder = ReferenceData.require(ES);
        store = new InMemoryStore();
        report = run(ImportOptions.builder(ImportFormat.LEAN).continuousFutures(true).build(), store, folder);
    }

    @Test
    void everyContractIsItsOwnSymbolWithTheFilesRowCounts() {
        assertThat(bars(store, "ESZ13").size()).isEqualTo(6826);
        assertThat(bars(store, "ESH14").size()).isEqualTo(1689);
        assertThat(bars(store, "ESM14").size()).isEqualTo(24);
        assertThat(bars(store, "ESU14").size()).isEqualTo(1);
        assertThat(bars(store, "ESZ14").size()).isEqualTo(1);
        assertThat(report.skipped() + report.duplicates()).isZero();
    }

    @Test
    void frontMonthRowsPerUtcDayAreTheReadmeFigures() {
        Map<LocalDate, Integer> perDay = new TreeMap<>();
        BarSeries z13 = bars(store, "ESZ13");
        for (int i = 0; i < z13.size(); i++) {
            perDay.merge(z13.get(i).start().atZone(ZoneOffset.UTC).toLocalDate(), 1, Integer::sum);
        }
        assertThat(perDay.values()).containsExactly(118, 1344, 1372, 1371, 1368, 1253);
        assertThat(z13.get(0).start()).isEqualTo(Instant.parse("2013-10-06T22:00:00Z"));
        assertThat(z13.get(z13.size() - 1).start()).isEqualTo(Instant.parse("2013-10-11T21:14:00Z"));
    }

    @Test
    void pricesArePlainDecimalsAtUtcMinutes() {
        Bar first = bars(store, "ESZ13").stream().filter(b -> b.start().equals(Instant.parse("2013-10-07T00:00:00Z")))
                .findFirst().orElseThrow();
        assertThat(first.open()).isEqualTo(1676.5);
        assertThat(first.close()).isEqualTo(1676.5);
        assertThat(first.volume()).isEqualTo(9);
    }

    @Test
    void theContinuousSeriesIsTheFrontMonthBeforeItsRoll() {
        BarSeries continuous = bars(store, "ES");
        BarSeries z13 = bars(store, "ESZ13");
        assertThat(continuous.size()).isEqualTo(z13.size());
        for (int i = 0; i < z13.size(); i++) {
            assertThat(continuous.get(i).sameValues(new Bar(Symbol.of("ES"), z13.get(i).start(), z13.get(i).interval(),
                    z13.get(i).open(), z13.get(i).high(), z13.get(i).low(), z13.get(i).close(), z13.get(i).volume(),
                    z13.get(i).tradeCount(), z13.get(i).vwap(), 0))).isTrue();
        }
    }

    @Test
    void contractNamesAndTheRollRule() {
        assertThat(FutureContracts.contract("ES", YearMonth.of(2013, 12))).isEqualTo(Symbol.of("ESZ13"));
        assertThat(FutureContracts.contract("ES", YearMonth.of(2014, 3))).isEqualTo(Symbol.of("ESH14"));
        assertThat(FutureContracts.expiry("20131008_es_minute_trade_201406.csv")).contains(YearMonth.of(2014, 6));
        assertThat(FutureContracts.expiry("readme.txt")).isEmpty();
        // second Thursday of December 2013 is the 12th: the front month changes with the session opening the 11th,
        // 17:00 Chicago (CST, 23:00 UTC)
        assertThat(FutureContracts.rollInstant(YearMonth.of(2013, 12))).isEqualTo(Instant.parse("2013-12-11T23:00:00Z"));
    }
}
