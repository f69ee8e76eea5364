package io.sessionflow.store.jdbc;

import io.sessionflow.domain.ColumnSeries;
import io.sessionflow.storage.UpsertResult;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The staged upsert every table shares. A write stages the rows in a temporary table (in key order), counts new and
 * changed rows against the table, updates the changed ones in place and appends the new ones in key order, all in
 * one transaction that also registers the write's new symbols. Reads select without {@code ORDER BY} and let
 * {@link ColumnGrouper} order the rows, which the append order makes cheap.
 *
 * <p>Thread-safe: writes through one store are serialised by a lock, which avoids write-write conflicts between its
 * own callers.
 */
final class UpsertWriter {

    private final Transactions transactions;
    private final Backend backend;
    private final SymbolDictionary symbols;
    private final ReentrantLock writeLock = new ReentrantLock();

    UpsertWriter(Transactions transactions, Backend backend, SymbolDictionary symbols) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.symbols = Objects.requireNonNull(symbols, "symbols");
    }

    /**
     * Upserts {@code series} into its table, all or nothing.
     *
     * @throws IllegalArgumentException before any SQL, when a time is not storable or (tables without a sequence)
     *                                  two rows share a key
     */
    <S extends ColumnSeries<?, S>> UpsertResult write(SeriesColumns<S> columns, S series) {
        Objects.requireNonNull(series, columns.noun() + "s");
        if (series.isEmpty()) {
            return UpsertResult.NONE;
        }
        Table table = columns.table();
        KeyOrder order = StorableTime.keyOrder(series);
        int[] sequences = table.sequenced() ? order.sequences() : null;
        if (sequences == null) {
            order.requireUniqueKeys(columns.noun());
        }
        record Written(UpsertResult result, SymbolDictionary.Registration registration) {
        }
        writeLock.lock();
        try {
            Written w = transactions.inTransaction("write " + order.size() + " " + table.name(), c -> {
                SymbolDictionary.Registration registration = symbols.register(c, order.symbols);
                SeriesRows<S> rows = new SeriesRows<>(columns, series, order, registration.ids(), sequences);
                Transactions.execute(c, table.createStageSql());
                backend.stage(c, rows);
                long inserted;
                long updated;
                try (PreparedStatement ps = c.prepareStatement(table.compareSql()); ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    inserted = rs.getLong(1);
                    updated = rs.getLong(2);
                }
                if (updated > 0) {
                    Transactions.execute(c, table.updateSql());
                }
                if (inserted > 0) {
                    Transactions.execute(c, table.insertSql());
                }
                Transactions.execute(c, table.dropStageSql());
                return new Written(new UpsertResult(inserted, updated, rows.size() - inserted - updated),
                        registration);
            });
            symbols.committed(w.registration());
            return w.result();
        } finally {
            writeLock.unlock();
        }
    }

    /** The written rows of a series in key order, each column found by the role of its name. */
    private static final class SeriesRows<S extends ColumnSeries<?, S>> implements StagedRows {
        private static final int SYMBOL = 0;
        private static final int TIME = 1;
        private static final int SEQUENCE = 2;
        private static final int VALUE = 3;

        private final SeriesColumns<S> columns;
        private final S series;
        private final KeyOrder order;
        private final int[] ids;
        private final int[] sequences;
        private final int[] role;

        SeriesRows(SeriesColumns<S> columns, S series, KeyOrder order, int[] ids, int[] sequences) {
            this.columns = columns;
            this.series = series;
            this.order = order;
            this.ids = ids;
            this.sequences = sequences;
            Table table = columns.table();
            List<Column> all = table.columns();
            role = new int[all.size()];
            for (int c = 0; c < role.length; c++) {
                String name = all.get(c).name();
                role[c] = name.equals(Table.SYMBOL_ID) ? SYMBOL : all.get(c).equals(table.timeKey()) ? TIME
                        : name.equals(Table.SEQUENCE) ? SEQUENCE : VALUE;
            }
        }

        @Override
        public Table table() {
            return columns.table();
        }

        @Override
        public int size() {
            return order.size();
        }

        @Override
        public long longAt(int position, int column) {
            return switch (role[column]) {
                case SYMBOL -> ids[order.symbolAt[position]];
                case TIME -> order.timeAt(position);
                case SEQUENCE -> sequences[position];
                default -> columns.integral(column).get(series, order.rows[position]);
            };
        }

        @Override
        public double doubleAt(int position, int column) {
            return columns.decimal(column).get(series, order.rows[position]);
        }
    }
}
