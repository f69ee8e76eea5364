package io.sessionflow.store.jdbc;

import io.sessionflow.domain.AssetClass;
import io.sessionflow.domain.Symbol;
import io.sessionflow.storage.Instrument;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code instruments} table: each symbol's asset class and venue. Recording registers unknown symbols in the
 * {@link SymbolDictionary} in the same transaction, so an instrument row never points at a missing symbol.
 *
 * <p>Thread-safe: reads borrow their own connection; recordings are serialised by the instance's monitor.
 */
final class InstrumentTable {

    private final Transactions transactions;
    private final SymbolDictionary symbols;

    InstrumentTable(Transactions transactions, SymbolDictionary symbols) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.symbols = Objects.requireNonNull(symbols, "symbols");
    }

    Optional<Instrument> read(Symbol symbol) {
        Objects.requireNonNull(symbol, "symbol");
        return transactions.inTransaction("read the instrument " + symbol, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT i.asset_class, i.venue FROM instruments i "
                    + "JOIN symbols s ON s.id = i.symbol_id WHERE s.symbol = ?")) {
                ps.setString(1, symbol.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Instrument(symbol, AssetClass.of(rs.getString(1)),
                            rs.getString(2))) : Optional.<Instrument>empty();
                }
            }
        });
    }

    synchronized void record(Collection<Instrument> instruments) {
        Map<Symbol, Instrument> given = new TreeMap<>();
        for (Instrument i : instruments) {
            Instrument before = given.putIfAbsent(Objects.requireNonNull(i, "instrument").symbol(), i);
            if (before != null && before.assetClass() != i.assetClass()) {
                throw conflict(i.symbol(), before.assetClass(), i.assetClass());
            }
        }
        if (given.isEmpty()) {
            return;
        }
        Symbol[] sorted = given.keySet().toArray(Symbol[]::new);
        SymbolDictionary.Registration registration = transactions.inTransaction(
                "record " + given.size() + " instruments", c -> {
                    SymbolDictionary.Registration r = symbols.register(c, sorted);
                    Map<Integer, AssetClass> known = known(c);
                    List<Integer> fresh = new ArrayList<>();
                    for (int k = 0; k < sorted.length; k++) {
                        AssetClass stored = known.get(r.ids()[k]);
                        AssetClass wanted = given.get(sorted[k]).assetClass();
                        if (stored == null) {
                            fresh.add(k);
                        } else if (stored != wanted) {
                            throw conflict(sorted[k], stored, wanted);
                        }
                    }
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO instruments (symbol_id, asset_class, venue) VALUES (?, ?, ?)")) {
                        for (int k : fresh) {
                            Instrument i = given.get(sorted[k]);
                            ps.setInt(1, r.ids()[k]);
                            ps.setString(2, i.assetClass().label());
                            ps.setString(3, i.venue());
                            ps.executeUpdate();
                        }
                    }
                    return r;
                });
        symbols.committed(registration);
    }

    /** The asset class of every recorded symbol id: a store holds few enough symbols to read them all. */
    private static Map<Integer, AssetClass> known(Connection c) throws SQLException {
        Map<Integer, AssetClass> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT symbol_id, asset_class FROM instruments");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getInt(1), AssetClass.of(rs.getString(2)));
            }
        }
        return out;
    }

    private static IllegalArgumentException conflict(Symbol symbol, AssetClass stored, AssetClass wanted) {
        return new IllegalArgumentException(symbol + " is stored as " + stored + ", not " + wanted + " (import it "
                + "under another symbol, or with --venue, to keep both)");
    }
}
