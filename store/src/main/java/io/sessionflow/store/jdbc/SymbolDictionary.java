package io.sessionflow.store.jdbc;

import io.sessionflow.domain.Symbol;
import io.sessionflow.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The {@code symbols} table cached in memory: symbol to id for writes and read filters, id to symbol for results.
 * New symbols are registered inside the transaction of the write that brings them, so a write that fails (or a
 * process killed in the middle of one) leaves no symbol rows behind; the cache learns them only once that write has
 * committed, so it never holds an id the database lacks. The price, on PostgreSQL: a second process writing the same
 * new symbol meanwhile waits for the first write to end (up to the server's {@code lock_timeout}, then fails and
 * may be retried).
 *
 * <p>Thread-safe: the cache is an immutable snapshot in a volatile field, replaced whole under a lock.
 */
final class SymbolDictionary {

    /** The dictionary as last loaded: immutable, replaced whole. */
    record Snapshot(Map<Symbol, Integer> ids, Symbol[] byId) {
        static final Snapshot EMPTY = new Snapshot(Map.of(), new Symbol[0]);

        boolean knowsAll(Symbol[] symbols) {
            return Arrays.stream(symbols).allMatch(ids::containsKey);
        }
    }

    /**
     * The ids of a write's symbols, and the dictionary to install once the write commits (null when the write
     * registered nothing).
     */
    record Registration(int[] ids, Snapshot after) {
    }

    /** Symbols per INSERT statement: well inside every backend's parameter limit. */
    private static final int INSERT_ROWS = 500;

    private final Transactions transactions;
    private final Object lock = new Object();
    private volatile Snapshot current = Snapshot.EMPTY;
    /** The last read filter: immutable, replaced whole. */
    private volatile LastFilter lastFilter;

    SymbolDictionary(Transactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /** Reads the whole table on {@code c}, seeing what {@code c}'s transaction has written. */
    static Snapshot load(Connection c) throws SQLException {
        Map<Symbol, Integer> ids = new HashMap<>();
        int max = -1;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, symbol FROM symbols");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int id = rs.getInt(1);
                ids.put(Symbol.of(rs.getString(2)), id);
                max = Math.max(max, id);
            }
        }
        Symbol[] byId = new Symbol[max + 1];
        ids.forEach((s, id) -> byId[id] = s);
        return new Snapshot(Map.copyOf(ids), byId);
    }

    /** Installs a snapshot read by a committed transaction. */
    void install(Snapshot snapshot) {
        synchronized (lock) {
            current = snapshot;
        }
    }

    /**
     * The ids of {@code sorted}, inserting the unknown ones on {@code c}, inside the caller's write transaction (in
     * name order, so ids usually sort like names and concurrent writers lock rows in one order). Hand the result to
     * {@link #committed} once that transaction has committed.
     */
    Registration register(Connection c, Symbol[] sorted) throws SQLException {
        Snapshot d = current;
        Snapshot after = null;
        if (!d.knowsAll(sorted)) {
            Snapshot known = d;
            insert(c, Arrays.stream(sorted).filter(s -> !known.ids().containsKey(s)).toList());
            after = load(c);
            d = after;
        }
        int[] ids = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            ids[i] = d.ids().get(sorted[i]);
        }
        return new Registration(ids, after);
    }

    /**
     * Inserts {@code fresh} in order, skipping any another writer has inserted meanwhile. Multi-row statements rather
     * than a JDBC batch: PostgreSQL's driver fails a batch on a connection closed by a timeout with an assertion
     * error (when assertions are on) instead of an {@link SQLException}.
     */
    private static void insert(Connection c, List<Symbol> fresh) throws SQLException {
        for (int from = 0; from < fresh.size(); from += INSERT_ROWS) {
            List<Symbol> chunk = fresh.subList(from, Math.min(fresh.size(), from + INSERT_ROWS));
            String values = String.join(", ", java.util.Collections.nCopies(chunk.size(), "(?)"));
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO symbols (symbol) VALUES " + values + " ON CONFLICT (symbol) DO NOTHING")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i).value());
                }
                ps.executeUpdate();
            }
        }
    }

    /** Makes the symbols a committed write registered known to reads. */
    void committed(Registration registration) {
        if (registration.after() != null) {
            install(registration.after());
        }
    }

    /**
     * The read filter for {@code symbols}; symbols the store does not know are simply absent from it.
     *
     * @throws IllegalArgumentException when the collection holds null
     */
    SymbolFilter filter(Collection<Symbol> symbols) {
        LastFilter last = lastFilter;
        if (last != null && last.dictionary == current && last.symbols.equals(symbols)) {
            return last.filter;  // a backtest asks for the same symbols session after session
        }
        Symbol[] requested = sortedDistinct(symbols);
        Snapshot d = current;
        if (!d.knowsAll(requested)) {
            d = reload();
        }
        int[] rankById = new int[d.byId().length];
        Arrays.fill(rankById, -1);
        List<Integer> ids = new ArrayList<>();
        for (int rank = 0; rank < requested.length; rank++) {
            Integer id = d.ids().get(requested[rank]);
            if (id != null) {
                rankById[id] = rank;
                ids.add(id);
            }
        }
        SymbolFilter filter = new SymbolFilter(requested, rankById,
                ids.stream().mapToInt(Integer::intValue).sorted().toArray());
        lastFilter = new LastFilter(d, List.copyOf(symbols), filter);
        return filter;
    }

    /** The last filter made, for the symbols asked (in the order asked) against dictionary {@code dictionary}. */
    private record LastFilter(Snapshot dictionary, List<Symbol> symbols, SymbolFilter filter) {
    }

    /**
     * The symbol of a stored id.
     *
     * @throws StorageException when the {@code symbols} table has no such id
     */
    Symbol symbolOf(int id) {
        Snapshot d = current;
        if (id >= d.byId().length || d.byId()[id] == null) {
            d = reload();
        }
        if (id >= d.byId().length || d.byId()[id] == null) {
            throw new StorageException(transactions.description() + ": symbol id " + id
                    + " is not in the symbols table");
        }
        return d.byId()[id];
    }

    private Snapshot reload() {
        synchronized (lock) {
            current = transactions.inTransaction("read the symbols table", SymbolDictionary::load);
            return current;
        }
    }

    /**
     * The symbols sorted and without repeats.
     *
     * @throws IllegalArgumentException when the collection holds null
     */
    static Symbol[] sortedDistinct(Collection<Symbol> symbols) {
        Objects.requireNonNull(symbols, "symbols");
        if (symbols.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("symbols must not contain null: " + symbols);
        }
        return new TreeSet<>(symbols).toArray(new Symbol[0]);
    }
}
