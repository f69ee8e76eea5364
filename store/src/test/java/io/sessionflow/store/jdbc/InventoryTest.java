package io.sessionflow.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.store.Stores;
import io.sessionflow.store.postgres.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Inventory} on DuckDB: per-session counts across runs of sessions, and the streamed export path. */
class InventoryTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Symbol FX = Symbol.of("EURUSD");

    @TempDir
    Path dir;

    /** 24-hour sessions 17:00-17:00 New York: their UTC times move with daylight saving, so no one boundary fits. */
    private static List<TradingSession> fxSessions(LocalDate from, LocalDate to) {
        List<TradingSession> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            Instant open = d.minusDays(1).atTime(17, 0).atZone(NEW_YORK).toInstant();
            Instant close = d.atTime(17, 0).atZone(NEW_YORK).toInstant();
            out.add(new TradingSession(d, open, close, NEW_YORK, false));
        }
        return out;
    }

    /** Bars of every 7th minute and the first and last minute of each session; per session their count. */
    private static BarSeries bars(List<TradingSession> sessions, int[] expected) {
        BarSeries.Builder bars = BarSeries.builder(Interval.ONE_MINUTE);
        for (int i = 0; i < sessions.size(); i++) {
            TradingSession s = sessions.get(i);
            for (Instant t = s.open(); t.isBefore(s.close()); t = t.plus(Duration.ofMinutes(1))) {
                long m = Duration.between(s.open(), t).toMinutes();
                if (m % 7 == 0 || !t.plus(Duration.ofMinutes(1)).isBefore(s.close())) {
                    bars.add(Bar.of(FX, t, Interval.ONE_MINUTE, 1.1, 1.2, 1.0, 1.1, 1));
                    expected[i]++;
                }
            }
        }
        return bars.build();
    }

    // 2025-03-09: New York springs forward, the session before is 23 hours long.
    private static final List<TradingSession> SESSIONS = fxSessions(LocalDate.of(2025, 3, 5),
            LocalDate.of(2025, 3, 12));
    private static final TimeRange ALL = new TimeRange(SESSIONS.get(0).open(),
            SESSIONS.get(SESSIONS.size() - 1).close());
    private static final DataKind MINUTES = Inventory.kind("bars", 1);

    /** Writes the bars, checks the per-session counts and returns the CSV export (as the backend writes it). */
    private List<String> countAndExport(JdbcStore store, String name) throws Exception {
        int[] expected = new int[SESSIONS.size()];
        store.upsertBars(bars(SESSIONS, expected));
        SessionCounts fx = store.inventory().countBySession(MINUTES, List.of(), SESSIONS, ALL).get(FX);
        for (int i = 0; i < SESSIONS.size(); i++) {
            assertThat(fx.bySession().get(SESSIONS.get(i).date())).as(SESSIONS.get(i).date().toString())
                    .isEqualTo(expected[i]);
        }
        long total = java.util.Arrays.stream(expected).sum();
        assertThat(fx.rows()).isEqualTo(total);
        Path csv = dir.resolve(name + ".csv");
        assertThat(store.inventory().export(MINUTES, List.of(FX), ALL, csv, ExportFormat.CSV, false))
                .isEqualTo(total);
        Path parquet = dir.resolve(name + ".parquet");
        assertThat(store.inventory().export(MINUTES, List.of(), ALL, parquet, ExportFormat.PARQUET, false))
                .isEqualTo(total);
        assertThat(Files.size(parquet)).isPositive();
        return Files.readAllLines(csv);
    }

    @Test
    void sessionsThatNoBoundarySeparatesAreSplitIntoRunsAndCountedExactly() throws Exception {
        assertThat(SessionBuckets.split(SESSIONS)).hasSizeGreaterThan(1);
        try (JdbcStore store = (JdbcStore) Stores.open(dir.resolve("fx.duckdb").toString())) {
            List<String> copied = countAndExport(store, "copy");
            // The streamed export (the PostgreSQL path) writes what DuckDB's COPY writes.
            Path streamed = dir.resolve("stream.csv");
            assertThat(store.inventory().export(MINUTES, List.of(FX), ALL, streamed, ExportFormat.CSV, false, true))
                    .isEqualTo(copied.size() - 1);
            assertThat(Files.readAllLines(streamed)).isEqualTo(copied);
        }
    }

    @Test
    void anExportOfSomeSymbolsWritesTheirRowsOnlyOnBothPaths() throws Exception {
        Symbol other = Symbol.of("GBPUSD");
        TradingSession s = SESSIONS.get(0);
        BarSeries.Builder b = BarSeries.builder(Interval.ONE_MINUTE);
        for (int m = 0; m < 5; m++) {
            b.add(Bar.of(FX, s.open().plus(Duration.ofMinutes(m)), Interval.ONE_MINUTE, 1.1, 1.2, 1.0, 1.1, 1));
        }
        for (int m = 0; m < 3; m++) {
            b.add(Bar.of(other, s.open().plus(Duration.ofMinutes(m)), Interval.ONE_MINUTE, 1.3, 1.4, 1.2, 1.3, 2));
        }
        try (JdbcStore store = (JdbcStore) Stores.open(dir.resolve("two.duckdb").toString())) {
            store.upsertBars(b.build());
            for (boolean streamed : new boolean[] {false, true}) {
                Path one = dir.resolve("one-" + streamed + ".csv");
                Path both = dir.resolve("both-" + streamed + ".csv");

                assertThat(store.inventory().export(MINUTES, List.of(other), ALL, one, ExportFormat.CSV, false,
                        streamed)).as("streamed " + streamed).isEqualTo(3);
                assertThat(store.inventory().export(MINUTES, List.of(), ALL, both, ExportFormat.CSV, false, streamed))
                        .as("streamed " + streamed).isEqualTo(8);

                List<String> rows = Files.readAllLines(one);
                assertThat(rows).hasSize(4);
                assertThat(rows.subList(1, 4)).allMatch(r -> r.contains("GBPUSD") && !r.contains("EURUSD"));
                assertThat(Files.readAllLines(both)).hasSize(9);
            }
        }
    }

    @Test
    void postgresCountsAndExportsAsDuckDbDoes() throws Exception {
        String server = TestServer.url();
        String schema = TestServer.createSchema(server);
        try (JdbcStore pg = (JdbcStore) Stores.open(TestServer.inSchema(server, schema));
             JdbcStore duck = (JdbcStore) Stores.open(dir.resolve("fx.duckdb").toString())) {
            assertThat(countAndExport(pg, "pg")).isEqualTo(countAndExport(duck, "duck"));
        } finally {
            TestServer.dropSchema(server, schema);
        }
    }

    @Test
    void aCountOfSomeSymbolsLeavesOutTheSymbolsStoredBetweenThem() throws Exception {
        try (JdbcStore store = (JdbcStore) Stores.open(dir.resolve("abc.duckdb").toString())) {
            TradingSession s = SESSIONS.get(0);
            BarSeries.Builder bars = BarSeries.builder(Interval.ONE_MINUTE);
            for (String name : List.of("AAA", "BBB", "CCC")) {  // ids 1, 2, 3: AAA and CCC select the range 1..3
                bars.add(Bar.of(Symbol.of(name), s.open(), Interval.ONE_MINUTE, 1.1, 1.2, 1.0, 1.1, 1));
            }
            store.upsertBars(bars.build());
            assertThat(store.inventory().countBySession(MINUTES, List.of(Symbol.of("AAA"), Symbol.of("CCC")),
                    List.of(s), ALL)).containsOnlyKeys(Symbol.of("AAA"), Symbol.of("CCC"));
        }
    }
}
