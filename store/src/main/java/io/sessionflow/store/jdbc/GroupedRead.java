package io.sessionflow.store.jdbc;

import io.sessionflow.domain.Interval;

import io.sessionflow.domain.TimeRange;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * The read both repositories share: the rows of a table for some symbols in a time range, selected in storage order
 * and grouped by {@link ColumnGrouper} into columns ordered by symbol, then time (and sequence).
 *
 * <p>Thread-safe: every read runs in a transaction of its own.
 */
final class GroupedRead {

    /** Binds the parameters a read adds before the time range, from parameter 1 on; returns the next index. */
    @FunctionalInterface
    interface LeadingBinder {
        int bind(PreparedStatement statement) throws SQLException;
    }

    private final Transactions transactions;
    private final Backend backend;

    GroupedRead(Transactions transactions, Backend backend) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    /**
     * The grouped rows of {@code table} of one {@code interval} (its {@code interval_minutes} column), the time key in
     * {@code range} and the symbols of {@code filter}; null when nothing can match.
     */
    ColumnGrouper.Grouped readInterval(Table table, Interval interval, SymbolFilter filter, TimeRange range) {
        Objects.requireNonNull(interval, "interval");
        return read(table, "interval_minutes = ?", ps -> {
            ps.setInt(1, interval.minutes());
            return 2;
        }, filter, range);
    }

    /**
     * The grouped rows of {@code table} with {@code condition} (parameters bound by {@code leading}), the time key in
     * {@code range} and the symbols of {@code filter}; null when nothing can match.
     */
    ColumnGrouper.Grouped read(Table table, String condition, LeadingBinder leading, SymbolFilter filter,
                               TimeRange range) {
        TimeRange r = StorableTime.clip(Objects.requireNonNull(range, "range"));
        if (filter.isEmpty() || r.isEmpty()) {
            return null;
        }
        String time = table.timeKey().name();
        String sql = "SELECT " + table.selectList(backend::micros) + " FROM " + table.name() + " WHERE "
                + (condition.isEmpty() ? "" : condition + " AND ") + time + " >= ? AND " + time + " < ? AND "
                + filter.sql();
        List<ColumnType> types = table.readTypes();
        return transactions.inTransaction("read " + table.name(), c -> {
            try (ColumnGrouper grouper = new ColumnGrouper(filter.rankById(), filter.symbols().length,
                    table.sequenced(), types)) {
                backend.query(c, sql, ps -> {
                    int next = leading.bind(ps);
                    StorableTime.bindRange(ps, next, r);
                    filter.bind(ps, next + 2);
                }, types, grouper);
                return grouper.finish();
            }
        });
    }
}
