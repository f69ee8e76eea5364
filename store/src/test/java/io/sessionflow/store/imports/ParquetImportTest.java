package io.sessionflow.store.imports;

import static io.sessionflow.store.imports.ImportFixtures.bars;
import static io.sessionflow.store.imports.ImportFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Symbol;
import io.sessionflow.testing.InMemoryStore;
import io.sessionflow.testing.ReferenceData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet import maps columns like CSV; the fixtures are written with DuckDB into a temporary folder. */
class ParquetImportTest {

    private static final ImportOptions PARQUET = ImportOptions.builder(ImportFormat.PARQUET).build();

    @TempDir
    Path dir;

    /** Writes the result of {@code select} (which may read the file bound to its single ?) as Parquet. */
    private Path parquet(String name, String select, Object parameter) throws SQLException {
        Path out = dir.resolve(name);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             PreparedStatement ps = c.prepareStatement("COPY (" + select + ") TO '" + out + "' (FORMAT PARQUET)")) {
            if (parameter != null) {
                ps.setObject(1, parameter);
            }
            ps.execute();
        }
        return out;
    }

    @Test
    void aReferenceCsvConvertedToParquetImportsToTheSameBars() throws SQLException {
        Path csv = ReferenceData.require("marketdata/lumibot/alpaca_v2_1m_2021-01/AMZN_MINUTE.csv");
        // read_csv types the offset timestamps as TIMESTAMP WITH TIME ZONE and the volumes as DOUBLE
        Path pq = parquet("AMZN_MINUTE.parquet", "SELECT * FROM read_csv(?)", csv.toString());
        InMemoryStore fromCsv = new InMemoryStore();
        InMemoryStore fromParquet = new InMemoryStore();
        run(ImportOptions.builder(ImportFormat.CSV).build(), fromCsv, csv);
        ImportReport r = run(PARQUET, fromParquet, pq);
        assertThat(r.read()).isEqualTo(2450);
        assertThat(r.files().get(0).symbolSource()).isEqualTo("file name");
        BarSeries expected = bars(fromCsv, "AMZN");
        BarSeries actual = bars(fromParquet, "AMZN");
        assertThat(actual).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).sameValues(expected.get(i))).as(expected.get(i).toString()).isTrue();
        }
        assertThat(run(PARQUET, fromParquet, pq).changedNothing()).isTrue();
    }

    @Test
    void naiveTimestampsNeedTzAndEpochMillisNeedNothing() throws SQLException {
        Path naive = parquet("naive.parquet", "SELECT TIMESTAMP '2021-01-04 09:30:00' AS ts, 'SPY' AS symbol, "
                + "1.0 AS open, 2.0 AS high, 0.5 AS low, 1.5 AS close, 100 AS volume", null);
        InMemoryStore store = new InMemoryStore();
        assertThatThrownBy(() -> run(PARQUET, store, naive)).isInstanceOf(ImportException.class)
                .hasMessage(naive + ":1: time '2021-01-04 09:30:00' has no UTC offset: give --tz ZONE "
                        + "(e.g. --tz America/New_York or --tz UTC)");
        run(ImportOptions.builder(ImportFormat.PARQUET).zone(ZoneId.of("America/New_York")).build(), store, naive);
        assertThat(bars(store, "SPY").get(0).start()).isEqualTo(Instant.parse("2021-01-04T14:30:00Z"));

        Path epoch = parquet("epoch.parquet", "SELECT 1609770660000::BIGINT AS t, 'SPY' AS ticker, 1.5 AS o, "
                + "2.0 AS h, 1.0 AS l, 1.0 AS c, 7.0::DOUBLE AS v, NULL::DOUBLE AS vwap", null);
        run(PARQUET, store, epoch);
        Bar second = bars(store, "SPY").get(1);
        assertThat(second.start()).isEqualTo(Instant.parse("2021-01-04T14:31:00Z"));
        assertThat(second.volume()).isEqualTo(7);
        assertThat(second.hasVwap()).isFalse();
    }

    @Test
    void badRowsNameTheRowNumber() throws SQLException {
        Path pq = parquet("QQQ.parquet", "SELECT * FROM (VALUES "
                + "(TIMESTAMPTZ '2021-01-04 14:30:00+00', 1.0, 1.0, 1.0, 1.0, -1.5), "
                + "(TIMESTAMPTZ '2021-01-04 14:31:00+00', 1.0, 1.0, 1.0, 1.0, 1.0), "
                + "(TIMESTAMPTZ '2021-01-04 14:32:00+00', 1.0, 1.0, 1.0, 'NaN'::DOUBLE, 1.0)) "
                + "AS t(time, open, high, low, close, volume)", null);
        InMemoryStore store = new InMemoryStore();
        assertThatThrownBy(() -> run(PARQUET, store, pq)).hasMessage(pq + ":1: volume -1.5 is negative "
                + "(and 1 more bad row; --skip-bad imports the good rows)");
        FileReport r = run(ImportOptions.builder(ImportFormat.PARQUET).skipBad(true).build(), store, pq).files()
                .get(0);
        assertThat(r.badRows()).containsExactly(pq + ":1: volume -1.5 is negative", pq + ":3: close is NaN");
        assertThat(store.readBars(Symbol.of("QQQ"), io.sessionflow.domain.Interval.ONE_MINUTE,
                ImportFixtures.ALL_TIME)).hasSize(1);
    }

    @Test
    void aFileThatIsNotParquetFailsWithOneLine() throws IOException {
        Path notParquet = Files.writeString(dir.resolve("X.parquet"), "time,open\n");
        assertThatThrownBy(() -> run(PARQUET, new InMemoryStore(), notParquet)).isInstanceOf(ImportException.class)
                .hasMessageStartingWith(notParquet + ": cannot read as Parquet: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
