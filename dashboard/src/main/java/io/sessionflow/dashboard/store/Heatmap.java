package io.sessionflow.dashboard.store;

import java.util.List;
import java.util.Objects;

/**
 * The answer of {@code GET /api/store/heatmap}: symbols x sessions. A cell's {@code present} is the stored 1m bars in
 * the session's expected minutes and its {@code quality} {@code present / expected x 100} (two decimals, capped at
 * 100, as {@code sessionflow gaps} prints it); both are null when the symbol has no 1m bar in that session's window.
 *
 * @param calendar the calendar's name (its session hours those of the configuration)
 * @param zone     the exchange's zone, in which dates and times are shown
 * @param from     the first calendar date looked at, inclusive
 * @param to       the last calendar date looked at, inclusive
 * @param symbols  the rows' symbols, sorted
 * @param sessions the columns: the sessions in range on which at least one of the symbols has 1m bars
 * @param rows     one per symbol, in the order of {@code symbols}
 *
 * <p>Immutable.
 */
public record Heatmap(String calendar, String zone, String from, String to, List<String> symbols,
                      List<Column> sessions, List<Row> rows) {

    public Heatmap {
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(zone, "zone");
        symbols = List.copyOf(symbols);
        sessions = List.copyOf(sessions);
        rows = List.copyOf(rows);
        if (rows.size() != symbols.size()) {
            throw new IllegalArgumentException(rows.size() + " rows for " + symbols.size() + " symbols");
        }
    }

    /**
     * One session.
     *
     * @param date       the session's date
     * @param expected   the 1m bars a complete session has (the coordinator's expected minutes: 390, 210 on an
     *                   early close)
     * @param earlyClose whether the exchange closes early that day
     * @param open       the window's open, ISO instant
     * @param close      the window's close, ISO instant
     */
    public record Column(String date, int expected, boolean earlyClose, String open, String close) {
        public Column {
            Objects.requireNonNull(date, "date");
            if (expected < 0) {
                throw new IllegalArgumentException(date + ": expected " + expected + " is negative");
            }
        }
    }

    /**
     * One symbol's cells, one per column; null where it has no data.
     *
     * @param symbol  the symbol
     * @param present per session, its present expected minutes, or null
     * @param quality per session, {@code present / expected x 100} to two decimals, or null
     */
    public record Row(String symbol, List<Integer> present, List<Double> quality) {
        public Row {
            Objects.requireNonNull(symbol, "symbol");
            // nulls mark cells without data, so no List.copyOf (it refuses nulls)
            present = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(present));
            quality = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(quality));
            if (present.size() != quality.size()) {
                throw new IllegalArgumentException(symbol + ": " + present.size() + " counts, " + quality.size()
                        + " qualities");
            }
        }
    }
}
