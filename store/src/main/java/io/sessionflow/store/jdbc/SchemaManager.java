package io.sessionflow.store.jdbc;

import static io.sessionflow.store.jdbc.ColumnType.DOUBLE;
import static io.sessionflow.store.jdbc.ColumnType.INT;
import static io.sessionflow.store.jdbc.ColumnType.OPTIONAL_BIGINT;
import static io.sessionflow.store.jdbc.ColumnType.OPTIONAL_DOUBLE;
import static io.sessionflow.store.jdbc.ColumnType.TIMESTAMP;

import io.sessionflow.domain.AssetClass;
import io.sessionflow.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The layout of a store and how a database gets it: a {@code sessionflow_schema} table records the version, and
 * {@link #MIGRATIONS} turn a database of any older version (0 is a database without the tables) into the current
 * one. A change to the tables below is a new migration step, never an edit of an old one.
 *
 * <p>Schema (version 2): {@code symbols(id, symbol)} maps each symbol to a small integer once, and
 * {@code instruments(symbol_id, asset_class, venue)} says what it is; {@code bars}, {@code quote_bars},
 * {@code quotes} and {@code trades} hold {@code symbol_id}, which makes the bulk read move four bytes per row for the
 * symbol instead of
 * a string and compare integers instead of strings. Times are {@code TIMESTAMP} columns holding UTC, exact to the
 * microsecond.
 *
 * <p>Stateless; runs inside the caller's transaction.
 */
final class SchemaManager {

    static final Table BARS = Table.of("bars",
            List.of(new Column(Table.SYMBOL_ID, INT), new Column("interval_minutes", INT),
                    new Column("start", TIMESTAMP)),
            new Column("open", DOUBLE), new Column("high", DOUBLE), new Column("low", DOUBLE),
            new Column("close", DOUBLE), new Column("volume", DOUBLE), new Column("trade_count", OPTIONAL_BIGINT),
            new Column("vwap", OPTIONAL_DOUBLE));
    static final Table QUOTES = Table.of("quotes",
            List.of(new Column(Table.SYMBOL_ID, INT), new Column("time", TIMESTAMP), new Column(Table.SEQUENCE, INT)),
            new Column("bid", DOUBLE), new Column("ask", DOUBLE), new Column("bid_size", DOUBLE),
            new Column("ask_size", DOUBLE));
    static final Table TRADES = Table.of("trades",
            List.of(new Column(Table.SYMBOL_ID, INT), new Column("time", TIMESTAMP), new Column(Table.SEQUENCE, INT)),
            new Column("price", DOUBLE), new Column("size", DOUBLE));

    /**
     * 1m (and longer) quote bars: bid and ask OHLC and last sizes. An absent side's prices are NULL (NaN in Java),
     * its size 0. Created if absent on every open ({@link #addTables}) rather than by a versioned migration: a new
     * table changes nothing existing, so stores of any version gain it without a version step.
     */
    static final Table QUOTE_BARS = Table.of("quote_bars",
            List.of(new Column(Table.SYMBOL_ID, INT), new Column("interval_minutes", INT),
                    new Column("start", TIMESTAMP)),
            new Column("bid_open", OPTIONAL_DOUBLE), new Column("bid_high", OPTIONAL_DOUBLE),
            new Column("bid_low", OPTIONAL_DOUBLE), new Column("bid_close", OPTIONAL_DOUBLE),
            new Column("bid_size", DOUBLE), new Column("ask_open", OPTIONAL_DOUBLE),
            new Column("ask_high", OPTIONAL_DOUBLE), new Column("ask_low", OPTIONAL_DOUBLE),
            new Column("ask_close", OPTIONAL_DOUBLE), new Column("ask_size", DOUBLE));

    /** One schema upgrade, from the version of its index to the next. */
    @FunctionalInterface
    private interface Migration {
        void apply(Connection c) throws SQLException;
    }

    private static final List<Migration> MIGRATIONS = List.of(SchemaManager::createVersion1,
            SchemaManager::fractionalAndInstruments);

    /** The columns version 1 created as BIGINT and version 2 holds as doubles, by table. */
    private static final List<List<String>> QUANTITY_COLUMNS = List.of(List.of("bars", "volume"),
            List.of("quotes", "bid_size"), List.of("quotes", "ask_size"), List.of("trades", "size"));

    /** The version this code reads and writes. */
    static final int VERSION = MIGRATIONS.size();

    private static final String VERSION_TABLE = "sessionflow_schema";

    private SchemaManager() {
    }

    /**
     * Brings the database to {@link #VERSION}. A store of an older version is migrated in place, in the caller's
     * transaction, whether it is opened to create or only to use (both open the database with write access): a
     * sessionflow that reads version 2 cannot read version 1's integer columns through its columnar read path, and a
     * migration keeps every row. When the database refuses the change (a read-only file or user), the store does not
     * open and the message says that it needs the migration.
     *
     * @param createIfMissing false to refuse a database without the tables instead of creating them
     * @throws IllegalArgumentException when {@code createIfMissing} is false and the database holds no store
     * @throws StorageException         when the database was written by a newer sessionflow, or needs a migration that
     *                                  the database refuses
     */
    static void prepare(Connection c, Backend backend, String description, boolean createIfMissing)
            throws SQLException {
        backend.lockSchema(c);
        if (!tableExists(c, VERSION_TABLE)) {
            if (!createIfMissing) {
                throw new IllegalArgumentException(description + " is not a sessionflow store (it has no "
                        + VERSION_TABLE + " table)");
            }
            Transactions.execute(c, "CREATE TABLE " + VERSION_TABLE + " (version INTEGER NOT NULL)");
        }
        int version = storedVersion(c);
        if (version > VERSION) {
            throw new StorageException(description + " has schema version " + version + ", this sessionflow reads "
                    + "versions up to " + VERSION);
        }
        for (int v = version; v < VERSION; v++) {
            try {
                MIGRATIONS.get(v).apply(c);
            } catch (SQLException e) {
                throw new StorageException(description + " has schema version " + version + " and needs a migration "
                        + "to version " + VERSION + ", made in place when it is opened with write access; it failed: "
                        + DriverMessages.firstLine(e.getMessage()), e);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + VERSION_TABLE + " VALUES (?)")) {
                ps.setInt(1, v + 1);
                ps.executeUpdate();
            }
        }
        addTables(c);
    }

    /**
     * Tables added without a version step: {@code CREATE TABLE IF NOT EXISTS}, run on every open (quote bars, and the
     * corporate-action tables of {@link CorporateActionTable}).
     */
    private static void addTables(Connection c) throws SQLException {
        Transactions.execute(c, QUOTE_BARS.createSql());
        for (String ddl : CorporateActionTable.DDL) {
            Transactions.execute(c, ddl);
        }
    }

    /**
     * Version 1 as it was first released; its DDL is spelled out (not derived from {@link #BARS} and the others) so
     * that later changes to those tables cannot change what this step creates: the next steps migrate from it.
     */
    private static void createVersion1(Connection c) throws SQLException {
        Transactions.execute(c, "CREATE SEQUENCE IF NOT EXISTS symbol_id_seq");
        Transactions.execute(c, "CREATE TABLE IF NOT EXISTS symbols (id INTEGER PRIMARY KEY DEFAULT "
                + "nextval('symbol_id_seq'), symbol VARCHAR(16) NOT NULL UNIQUE)");
        for (String ddl : VERSION_1_TABLES) {
            Transactions.execute(c, ddl);
        }
    }

    /** The bars, quotes and trades tables of version 1 (integer volumes and sizes). */
    static final List<String> VERSION_1_TABLES = List.of(
            "CREATE TABLE IF NOT EXISTS bars (symbol_id INTEGER NOT NULL, interval_minutes INTEGER NOT NULL, "
                    + "start TIMESTAMP NOT NULL, open FLOAT8 NOT NULL, high FLOAT8 NOT NULL, low FLOAT8 NOT NULL, "
                    + "close FLOAT8 NOT NULL, volume BIGINT NOT NULL, trade_count BIGINT, vwap FLOAT8, "
                    + "PRIMARY KEY (symbol_id, interval_minutes, start))",
            "CREATE TABLE IF NOT EXISTS quotes (symbol_id INTEGER NOT NULL, time TIMESTAMP NOT NULL, "
                    + "seq INTEGER NOT NULL, bid FLOAT8 NOT NULL, ask FLOAT8 NOT NULL, bid_size BIGINT NOT NULL, "
                    + "ask_size BIGINT NOT NULL, PRIMARY KEY (symbol_id, time, seq))",
            "CREATE TABLE IF NOT EXISTS trades (symbol_id INTEGER NOT NULL, time TIMESTAMP NOT NULL, "
                    + "seq INTEGER NOT NULL, price FLOAT8 NOT NULL, size BIGINT NOT NULL, "
                    + "PRIMARY KEY (symbol_id, time, seq))");

    /**
     * Version 2: volumes and sizes become doubles (crypto trades fractions of a coin; every integer a version 1
     * store holds below 2^53 converts exactly), and an {@code instruments} table records each symbol's asset class
     * and venue, existing symbols being US equities without a venue. Both DuckDB and PostgreSQL change a column's
     * type in place inside the transaction, keeping the rows.
     */
    private static void fractionalAndInstruments(Connection c) throws SQLException {
        for (List<String> column : QUANTITY_COLUMNS) {
            Transactions.execute(c, "ALTER TABLE " + column.get(0) + " ALTER COLUMN " + column.get(1) + " TYPE "
                    + DOUBLE.sql());
        }
        Transactions.execute(c, INSTRUMENTS_DDL);
        Transactions.execute(c, "INSERT INTO instruments (symbol_id, asset_class, venue) SELECT id, '"
                + AssetClass.EQUITY.label() + "', '' FROM symbols");
    }

    /** One row per symbol that has been given an asset class; the venue is {@code ''} when none is known. */
    static final String INSTRUMENTS_DDL = "CREATE TABLE IF NOT EXISTS instruments (symbol_id INTEGER PRIMARY KEY, "
            + "asset_class VARCHAR NOT NULL, venue VARCHAR NOT NULL)";

    /** The highest recorded version; 0 when none is. */
    private static int storedVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT max(version) FROM " + VERSION_TABLE);
             ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                int v = rs.getInt(1);
                return rs.wasNull() ? 0 : v;
            }
            return 0;
        }
    }

    /** Whether the schema that unqualified names resolve to holds table {@code name}: the same query on both. */
    private static boolean tableExists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM information_schema.tables "
                + "WHERE table_schema = current_schema() AND table_name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        }
    }
}
