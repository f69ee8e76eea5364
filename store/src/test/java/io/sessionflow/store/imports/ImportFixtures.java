package io.sessionflow.store.imports;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.testing.ManualWallClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Shared helpers of the importer tests: running an import and counting what landed in the store. */
final class ImportFixtures {

    static final TimeRange ALL_TIME = TimeRange.of(Instant.parse("1990-01-01T00:00:00Z"),
            Instant.parse("2031-01-01T00:00:00Z"));

    private ImportFixtures() {
    }

    static ImportReport run(ImportOptions options, MarketDataStore store, Path... files) {
        return new Importer(options, ImportProgress.NONE, new ManualWallClock()).prepare(List.of(files)).writeTo(store);
    }

    static BarSeries bars(MarketDataStore store, String symbol) {
        return store.readBars(Symbol.of(symbol), Interval.ONE_MINUTE, ALL_TIME);
    }

    /** Bars of {@code symbol} starting inside the XNYS session of {@code date} (regular hours, early close cut). */
    static int rthBars(MarketDataStore store, String symbol, LocalDate date) {
        TradingSession s = Calendars.xnys().session(date).orElseThrow();
        return store.readBars(Symbol.of(symbol), Interval.ONE_MINUTE, s.range()).size();
    }

    /** Missing regular-hours minutes of {@code symbol} summed over the XNYS sessions in {@code [from, to]}. */
    static int missingRth(MarketDataStore store, String symbol, LocalDate from, LocalDate to) {
        int missing = 0;
        for (TradingSession s : Calendars.xnys().sessions(from, to.plusDays(1))) {
            missing += s.minutes() - rthBars(store, symbol, s.date());
        }
        return missing;
    }

    /** A copy of {@code source} in {@code dir} with line {@code line} (1-based) replaced by {@code text}. */
    static Path withLine(Path source, Path dir, int line, String text) throws IOException {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(source));
        lines.set(line - 1, text);
        Path copy = dir.resolve(source.getFileName());
        Files.write(copy, lines);
        return copy;
    }

    static Path write(Path dir, String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, List.of(lines));
        return p;
    }
}
