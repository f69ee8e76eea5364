package io.sessionflow.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.store.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    @Test
    void sessionsThatNoBoundarySeparatesAreSplitIntoRunsAndCountedExactly() throws Exception {
        // 2025-03-09: New York springs forward, the session before is 23 hours long.
        List<TradingSession> sessions = fxSessions(LocalDate.of(2025, 3, 5), LocalDate.of(2025, 3, 12));
        assertThat(SessionBuckets.split(sessions)).hasSizeGreaterThan(1);
        BarSeries.Builder bars = BarSeries.builder(Interval.ONE_MINUTE);
        int[] expected = new int[sessions.size()];
        for (int i = 0; i < sessions.size(); i++) {
            TradingSession s = sessions.get(i);
            // every 7th minute, and the first and last minute of each session
            for (Instant t = s.open(); t.isBefore(s.close()); t = t.plus(Duration.ofMinutes(1))) {
                long m = Duration.between(s.open(), t).toMinutes();
                if (m % 7 == 0 || !t.plus(Duration.ofMinutes(1)).isBefore(s.close())) {
                    bars.add(Bar.of(FX, t, Interval.ONE_MINUTE, 1.1, 1.2, 1.0, 1.1, 1));
                    expected[i]++;
                }
            }
        }
        Path db = dir.resolve("fx.duckdb");
        try (JdbcStore store = (JdbcStore) Stores.open(db.toString())) {
            store.upsertBars(bars.build());
            TimeRange all = new TimeRange(sessions.get(0).open(), sessions.get(sessions.size() - 1).close());
            Map<Symbol, SessionCounts> counts = store.inventory().countBySession(Inventory.kind("bars", 1),
                    List.of(), sessions, all);
            SessionCounts fx = counts.get(FX);
            for (int i = 0; i < sessions.size(); i++) {
                assertThat(fx.bySession().get(sessions.get(i).date())).as(sessions.get(i).date().toString())
                        .isEqualTo(expected[i]);
            }
            long total = java.util.Arrays.stream(expected).sum();
            assertThat(fx.rows()).isEqualTo(total);

            // The streamed export (the PostgreSQL path) writes what DuckDB's COPY writes.
            Path copied = dir.resolve("copy.csv");
            Path streamed = dir.resolve("stream.csv");
            DataKind kind = Inventory.kind("bars", 1);
            assertThat(store.inventory().export(kind, List.of(FX), all, copied, ExportFormat.CSV, false))
                    .isEqualTo(total);
            assertThat(store.inventory().export(kind, List.of(FX), all, streamed, ExportFormat.CSV, false, true))
                    .isEqualTo(total);
            assertThat(Files.readAllLines(streamed)).isEqualTo(Files.readAllLines(copied));
            Path parquet = dir.resolve("stream.parquet");
            assertThat(store.inventory().export(kind, List.of(), all, parquet, ExportFormat.PARQUET, false, true))
                    .isEqualTo(total);
            assertThat(Files.size(parquet)).isPositive();
        }
    }
}
