package io.sessionflow.store.jdbc;

import io.sessionflow.domain.Symbol;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Which symbol ids a read asks for. The SQL filters on the id range, plus an IN list when the requested ids are
 * sparse in it; {@link #rankOf} drops the rest exactly. A dense range scans faster than a long IN list.
 *
 * <p>Immutable; made per read.
 */
final class SymbolFilter {

    /** Above this many symbols a read filters on the id range only and drops the others in Java. */
    static final int MAX_IN_LIST = 1_000;

    private final Symbol[] symbols;
    private final int[] rankById;
    private final int[] ids;

    /**
     * @param symbols  the requested symbols, sorted and distinct: the order of a read's result
     * @param rankById per id, the index of its symbol in {@code symbols}, or -1
     * @param ids      the ids of the requested symbols that have one, sorted
     */
    SymbolFilter(Symbol[] symbols, int[] rankById, int[] ids) {
        this.symbols = symbols;
        this.rankById = rankById;
        this.ids = ids;
    }

    /** The requested symbols, sorted: symbol index {@code i} of a grouped read is {@code symbols()[i]}. */
    Symbol[] symbols() {
        return symbols;
    }

    /** Per id, the index of its symbol among {@link #symbols()}, or -1: what {@link ColumnGrouper} groups by. */
    int[] rankById() {
        return rankById;
    }

    /** True when no requested symbol is known to the store: nothing can match. */
    boolean isEmpty() {
        return ids.length == 0;
    }

    private boolean sparse() {
        long span = (long) ids[ids.length - 1] - ids[0] + 1;
        return ids.length <= MAX_IN_LIST && span > 2L * ids.length;
    }

    /** The condition on {@code symbol_id}; its parameters are bound by {@link #bind}. */
    String sql() {
        String range = Table.SYMBOL_ID + " BETWEEN ? AND ?";
        return !sparse() ? range : range + " AND " + Table.SYMBOL_ID + " IN ("
                + Arrays.stream(ids).mapToObj(i -> "?").collect(Collectors.joining(", ")) + ")";
    }

    /** Binds the parameters of {@link #sql()} from parameter {@code first} on. */
    void bind(PreparedStatement ps, int first) throws SQLException {
        ps.setInt(first, ids[0]);
        ps.setInt(first + 1, ids[ids.length - 1]);
        if (sparse()) {
            for (int i = 0; i < ids.length; i++) {
                ps.setInt(first + 2 + i, ids[i]);
            }
        }
    }
}
