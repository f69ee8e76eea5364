package io.sessionflow.store.jdbc;

import static io.sessionflow.store.jdbc.ColumnType.BIGINT;
import static io.sessionflow.store.jdbc.ColumnType.INT;
import static io.sessionflow.store.jdbc.ColumnType.TIMESTAMP;

import io.sessionflow.domain.Micros;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.storage.Coverage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What a table holds per symbol (and interval, for bars): first and last time and the row count.
 *
 * <p>Thread-safe: every query runs in a transaction of its own.
 */
final class CoverageQuery {

    private static final List<ColumnType> TYPES = List.of(INT, INT, TIMESTAMP, TIMESTAMP, BIGINT);

    private final Transactions transactions;
    private final Backend backend;
    private final SymbolDictionary symbols;

    CoverageQuery(Transactions transactions, Backend backend, SymbolDictionary symbols) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.symbols = Objects.requireNonNull(symbols, "symbols");
    }

    /** One group of a table: a symbol (and interval, 0 without one), first and last time in micros, rows. */
    record Row(Symbol symbol, int interval, long first, long last, long rows) {
    }

    /**
     * The coverage of {@code table}, ordered by symbol then interval.
     *
     * @param intervalColumn the column that splits a symbol's rows by interval, or null for one interval, 0
     */
    List<Coverage> of(Table table, StreamType type, String intervalColumn) {
        List<Coverage> out = new ArrayList<>();
        for (Row row : rows(table, intervalColumn)) {
            out.add(new Coverage(row.symbol(), type, row.interval(), Micros.toInstant(row.first()),
                    Micros.toInstant(row.last()), row.rows()));
        }
        out.sort(Comparator.comparing(Coverage::symbol).thenComparingInt(Coverage::intervalMinutes));
        return out;
    }

    /** The groups of {@code table} by symbol (and {@code intervalColumn} unless null), unordered: one query. */
    List<Row> rows(Table table, String intervalColumn) {
        String time = table.timeKey().name();
        String group = Table.SYMBOL_ID + (intervalColumn == null ? "" : ", " + intervalColumn);
        String sql = "SELECT " + Table.SYMBOL_ID + ", " + (intervalColumn == null ? "0" : intervalColumn) + ", "
                + backend.micros("min(" + time + ")") + ", " + backend.micros("max(" + time + ")") + ", count(*) FROM "
                + table.name() + " GROUP BY " + group;
        List<long[]> rows = transactions.inTransaction("read " + table.name() + " coverage",
                c -> {
                    List<long[]> out = new ArrayList<>();
                    backend.query(c, sql, StatementBinder.NONE, TYPES, batch -> {
                        try (batch) {
                            int m = batch.rows();
                            int[] ids = new int[m];
                            int[] intervals = new int[m];
                            long[] first = new long[m];
                            long[] last = new long[m];
                            long[] count = new long[m];
                            batch.copyInts(0, 0, m, ids, 0);
                            batch.copyInts(1, 0, m, intervals, 0);
                            batch.copyLongs(2, 0, m, first, 0);
                            batch.copyLongs(3, 0, m, last, 0);
                            batch.copyLongs(4, 0, m, count, 0);
                            for (int i = 0; i < m; i++) {
                                out.add(new long[] {ids[i], intervals[i], first[i], last[i], count[i]});
                            }
                        }
                    });
                    return out;
                });
        List<Row> out = new ArrayList<>(rows.size());
        for (long[] row : rows) {
            out.add(new Row(symbols.symbolOf((int) row[0]), (int) row[1], row[2], row[3], row[4]));
        }
        return out;
    }
}
