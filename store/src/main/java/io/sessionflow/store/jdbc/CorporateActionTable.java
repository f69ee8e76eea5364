package io.sessionflow.store.jdbc;

import io.sessionflow.corporate.CorporateAction;
import io.sessionflow.corporate.FactorFile;
import io.sessionflow.corporate.MapFile;
import io.sessionflow.domain.Symbol;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The corporate-action tables: {@code factor_rows} (LEAN factor rows, lossless), {@code map_rows} (the ticker of a
 * security by date) and {@code corporate_actions} (splits and dividends by ex-date). Recording registers unknown
 * symbols in the {@link SymbolDictionary} in the same transaction. Dates are SQL {@code DATE}s.
 *
 * <p>Thread-safe: reads borrow their own connection; records are serialised by the instance's monitor.
 */
final class CorporateActionTable {

    static final List<String> DDL = List.of(
            "CREATE TABLE IF NOT EXISTS factor_rows (symbol_id INTEGER NOT NULL, date DATE NOT NULL, "
                    + "price_factor FLOAT8 NOT NULL, split_factor FLOAT8 NOT NULL, reference_price FLOAT8, "
                    + "PRIMARY KEY (symbol_id, date))",
            "CREATE TABLE IF NOT EXISTS map_rows (symbol_id INTEGER NOT NULL, date DATE NOT NULL, "
                    + "ticker VARCHAR NOT NULL, exchange VARCHAR NOT NULL, PRIMARY KEY (symbol_id, date))",
            "CREATE TABLE IF NOT EXISTS corporate_actions (symbol_id INTEGER NOT NULL, ex_date DATE NOT NULL, "
                    + "kind VARCHAR NOT NULL, value FLOAT8 NOT NULL, PRIMARY KEY (symbol_id, ex_date, kind))");

    private static final String BY_SYMBOL = " JOIN symbols s ON s.id = t.symbol_id WHERE s.symbol = ?";

    private final Transactions transactions;
    private final SymbolDictionary symbols;

    CorporateActionTable(Transactions transactions, SymbolDictionary symbols) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.symbols = Objects.requireNonNull(symbols, "symbols");
    }

    @FunctionalInterface
    private interface Rows {
        void write(Connection c, int symbolId) throws SQLException;
    }

    /** Replaces {@code symbol}'s rows of {@code table} with those {@code rows} writes, in one transaction. */
    private synchronized void replace(String what, Symbol symbol, String table, Rows rows) {
        SymbolDictionary.Registration registration = transactions.inTransaction(what, c -> {
            SymbolDictionary.Registration r = symbols.register(c, new Symbol[] {symbol});
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE symbol_id = ?")) {
                ps.setInt(1, r.ids()[0]);
                ps.executeUpdate();
            }
            rows.write(c, r.ids()[0]);
            return r;
        });
        symbols.committed(registration);
    }

    void recordFactorFile(FactorFile file) {
        replace("record the factor rows of " + file.symbol(), file.symbol(), "factor_rows", (c, id) -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO factor_rows (symbol_id, date, price_factor, "
                    + "split_factor, reference_price) VALUES (?, ?, ?, ?, ?)")) {
                for (FactorFile.Row row : file.rows()) {
                    ps.setInt(1, id);
                    ps.setObject(2, row.date());
                    ps.setDouble(3, row.priceFactor());
                    ps.setDouble(4, row.splitFactor());
                    if (Double.isNaN(row.referencePrice())) {
                        ps.setNull(5, java.sql.Types.DOUBLE);
                    } else {
                        ps.setDouble(5, row.referencePrice());
                    }
                    ps.executeUpdate();
                }
            }
        });
    }

    void recordMapFile(MapFile file) {
        replace("record the map rows of " + file.symbol(), file.symbol(), "map_rows", (c, id) -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO map_rows (symbol_id, date, ticker, exchange) "
                    + "VALUES (?, ?, ?, ?)")) {
                for (MapFile.Row row : file.rows()) {
                    ps.setInt(1, id);
                    ps.setObject(2, row.date());
                    ps.setString(3, row.ticker().value());
                    ps.setString(4, row.exchange());
                    ps.executeUpdate();
                }
            }
        });
    }

    /** Upserts by (symbol, ex-date, kind): delete then insert, the same statements on both databases. */
    synchronized void recordActions(Collection<CorporateAction> actions) {
        if (actions.isEmpty()) {
            return;
        }
        Symbol[] sorted = actions.stream().map(CorporateAction::symbol).distinct().sorted().toArray(Symbol[]::new);
        SymbolDictionary.Registration registration = transactions.inTransaction(
                "record " + actions.size() + " corporate actions", c -> {
                    SymbolDictionary.Registration r = symbols.register(c, sorted);
                    TreeMap<Symbol, Integer> ids = new TreeMap<>();
                    for (int k = 0; k < sorted.length; k++) {
                        ids.put(sorted[k], r.ids()[k]);
                    }
                    try (PreparedStatement del = c.prepareStatement("DELETE FROM corporate_actions WHERE "
                            + "symbol_id = ? AND ex_date = ? AND kind = ?");
                         PreparedStatement ins = c.prepareStatement("INSERT INTO corporate_actions (symbol_id, "
                                 + "ex_date, kind, value) VALUES (?, ?, ?, ?)")) {
                        for (CorporateAction a : actions) {
                            for (PreparedStatement ps : List.of(del, ins)) {
                                ps.setInt(1, ids.get(a.symbol()));
                                ps.setObject(2, a.exDate());
                                ps.setString(3, a.kind().label());
                            }
                            del.executeUpdate();
                            ins.setDouble(4, a.value());
                            ins.executeUpdate();
                        }
                    }
                    return r;
                });
        symbols.committed(registration);
    }

    Optional<FactorFile> factorFile(Symbol symbol) {
        List<FactorFile.Row> rows = transactions.inTransaction("read the factor rows of " + symbol, c -> {
            List<FactorFile.Row> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT t.date, t.price_factor, t.split_factor, "
                    + "t.reference_price FROM factor_rows t" + BY_SYMBOL + " ORDER BY t.date")) {
                ps.setString(1, symbol.value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        double reference = rs.getDouble(4);
                        if (rs.wasNull()) {  // asked at once: it answers for the last column read
                            reference = Double.NaN;
                        }
                        out.add(new FactorFile.Row(rs.getObject(1, LocalDate.class), rs.getDouble(2), rs.getDouble(3),
                                reference));
                    }
                }
            }
            return out;
        });
        return rows.isEmpty() ? Optional.empty() : Optional.of(new FactorFile(symbol, rows));
    }

    Optional<MapFile> mapFile(Symbol symbol) {
        List<MapFile.Row> rows = transactions.inTransaction("read the map rows of " + symbol, c -> {
            List<MapFile.Row> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT t.date, t.ticker, t.exchange FROM map_rows t"
                    + BY_SYMBOL + " ORDER BY t.date")) {
                ps.setString(1, symbol.value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new MapFile.Row(rs.getObject(1, LocalDate.class), Symbol.of(rs.getString(2)),
                                rs.getString(3)));
                    }
                }
            }
            return out;
        });
        return rows.isEmpty() ? Optional.empty() : Optional.of(new MapFile(symbol, rows));
    }

    List<CorporateAction> actions(Symbol symbol) {
        return transactions.inTransaction("read the corporate actions of " + symbol, c -> {
            List<CorporateAction> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT t.ex_date, t.kind, t.value FROM corporate_actions t"
                    + BY_SYMBOL + " ORDER BY t.ex_date, t.kind")) {
                ps.setString(1, symbol.value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new CorporateAction(symbol, rs.getObject(1, LocalDate.class),
                                CorporateAction.Kind.of(rs.getString(2)), rs.getDouble(3)));
                    }
                }
            }
            return out;
        });
    }

    /** The security whose map row in force on {@code date} (the first dated on or after it) names {@code ticker}. */
    Optional<Symbol> securityTradedAs(Symbol ticker, LocalDate date) {
        return transactions.inTransaction("find the security traded as " + ticker + " on " + date, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT s.symbol FROM map_rows t JOIN symbols s "
                    + "ON s.id = t.symbol_id WHERE t.ticker = ? AND t.date = (SELECT min(m.date) FROM map_rows m "
                    + "WHERE m.symbol_id = t.symbol_id AND m.date >= ?) ORDER BY s.symbol")) {
                ps.setString(1, ticker.value());
                ps.setObject(2, date);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Symbol.of(rs.getString(1))) : Optional.<Symbol>empty();
                }
            }
        });
    }
}
