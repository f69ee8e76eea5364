package io.sessionflow.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sessionflow.domain.AssetClass;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Quote;
import io.sessionflow.domain.QuoteSeries;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.domain.Trade;
import io.sessionflow.domain.TradeSeries;
import io.sessionflow.storage.Instrument;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.store.Stores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store written by sessionflow before fractional volumes (schema version 1, integer volumes and sizes, no
 * instruments) is migrated in place when it is opened: rows kept, columns doubles, every symbol an equity, version 2.
 * The version 1 layout is spelled out here as that release created it, so the test cannot follow later edits.
 */
class SchemaMigrationTest {

    private static final List<String> VERSION_1 = List.of(
            "CREATE TABLE sessionflow_schema (version INTEGER NOT NULL)",
            "CREATE SEQUENCE IF NOT EXISTS symbol_id_seq",
            "CREATE TABLE IF NOT EXISTS symbols (id INTEGER PRIMARY KEY DEFAULT nextval('symbol_id_seq'), "
                    + "symbol VARCHAR(16) NOT NULL UNIQUE)",
            "CREATE TABLE IF NOT EXISTS bars (symbol_id INTEGER NOT NULL, interval_minutes INTEGER NOT NULL, "
                    + "start TIMESTAMP NOT NULL, open FLOAT8 NOT NULL, high FLOAT8 NOT NULL, low FLOAT8 NOT NULL, "
                    + "close FLOAT8 NOT NULL, volume BIGINT NOT NULL, trade_count BIGINT, vwap FLOAT8, "
                    + "PRIMARY KEY (symbol_id, interval_minutes, start))",
            "CREATE TABLE IF NOT EXISTS quotes (symbol_id INTEGER NOT NULL, time TIMESTAMP NOT NULL, "
                    + "seq INTEGER NOT NULL, bid FLOAT8 NOT NULL, ask FLOAT8 NOT NULL, bid_size BIGINT NOT NULL, "
                    + "ask_size BIGINT NOT NULL, PRIMARY KEY (symbol_id, time, seq))",
            "CREATE TABLE IF NOT EXISTS trades (symbol_id INTEGER NOT NULL, time TIMESTAMP NOT NULL, "
                    + "seq INTEGER NOT NULL, price FLOAT8 NOT NULL, size BIGINT NOT NULL, "
                    + "PRIMARY KEY (symbol_id, time, seq))",
            "INSERT INTO sessionflow_schema VALUES (1)",
            "INSERT INTO symbols (symbol) VALUES ('SPY'), ('IBM')",
            "INSERT INTO bars SELECT id, 1, TIMESTAMP '2013-10-11 13:30:00', 168.1, 168.4, 168.0, 168.3, 81489219, "
                    + "NULL, NULL FROM symbols WHERE symbol = 'SPY'",
            "INSERT INTO bars SELECT id, 1, TIMESTAMP '2013-10-11 13:31:00', 168.3, 168.5, 168.2, 168.4, "
                    + "9007199254740991, 12, 168.35 FROM symbols WHERE symbol = 'SPY'",
            "INSERT INTO quotes SELECT id, TIMESTAMP '2013-10-11 13:30:00.5', 0, 185.0, 185.1, 300, 200 FROM symbols "
                    + "WHERE symbol = 'IBM'",
            "INSERT INTO trades SELECT id, TIMESTAMP '2013-10-11 13:30:01', 0, 185.05, 100 FROM symbols "
                    + "WHERE symbol = 'IBM'");

    private static final Symbol SPY = Symbol.of("SPY");
    private static final Symbol IBM = Symbol.of("IBM");
    private static final TimeRange ALL = new TimeRange(Instant.parse("2000-01-01T00:00:00Z"),
            Instant.parse("2100-01-01T00:00:00Z"));

    @TempDir
    Path dir;

    @Test
    void aVersion1DuckDbStoreIsMigratedInPlaceKeepingItsRows() throws SQLException {
        Path file = dir.resolve("old.duckdb");
        String url = "jdbc:duckdb:" + file;
        createVersion1(url);

        try (MarketDataStore store = Stores.openExisting(file.toString())) {
            checkMigrated(store);
        }
        assertThat(strings(url, "SELECT data_type FROM information_schema.columns WHERE (table_name, column_name) "
                + "IN (('bars', 'volume'), ('quotes', 'bid_size'), ('quotes', 'ask_size'), ('trades', 'size'))"))
                .hasSize(4).containsOnly("DOUBLE");
        assertThat(strings(url, "SELECT version FROM sessionflow_schema ORDER BY version")).containsExactly("1", "2");
        try (MarketDataStore again = Stores.open(file.toString())) {
            checkMigrated(again);
        }
        assertThat(strings(url, "SELECT version FROM sessionflow_schema ORDER BY version")).containsExactly("1", "2");
    }

    @Test
    void aVersion1PostgresStoreIsMigratedInPlaceKeepingItsRows() throws SQLException {
        String server = System.getenv("SESSIONFLOW_TEST_PG_URL");
        assumeTrue(server != null && !server.isBlank(),
                "PostgreSQL migration test skipped: set SESSIONFLOW_TEST_PG_URL to run it");
        String schema = "sf_test_" + UUID.randomUUID().toString().replace("-", "");
        execute(server, List.of("CREATE SCHEMA " + schema));
        String url = server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        try {
            createVersion1(url);
            try (MarketDataStore store = Stores.openExisting(url)) {
                checkMigrated(store);
            }
            assertThat(strings(url, "SELECT data_type FROM information_schema.columns WHERE table_schema = '"
                    + schema + "' AND (table_name, column_name) IN (('bars', 'volume'), ('quotes', 'bid_size'), "
                    + "('quotes', 'ask_size'), ('trades', 'size'))"))
                    .hasSize(4).containsOnly("double precision");
            assertThat(strings(url, "SELECT version FROM sessionflow_schema ORDER BY version"))
                    .containsExactly("1", "2");
        } finally {
            execute(server, List.of("DROP SCHEMA " + schema + " CASCADE"));
        }
    }

    private static void checkMigrated(MarketDataStore store) {
        assertThat(store.readBars(SPY, Interval.ONE_MINUTE, ALL)).containsExactly(
                Bar.of(SPY, Instant.parse("2013-10-11T13:30:00Z"), Interval.ONE_MINUTE, 168.1, 168.4, 168.0, 168.3,
                        81489219),
                new Bar(SPY, Instant.parse("2013-10-11T13:31:00Z"), Interval.ONE_MINUTE, 168.3, 168.5, 168.2, 168.4,
                        9007199254740991.0, 12, 168.35, 0));
        assertThat(store.readQuotes(List.of(IBM), ALL)).containsExactly(
                new Quote(IBM, Instant.parse("2013-10-11T13:30:00.500Z"), 185.0, 185.1, 300, 200));
        assertThat(store.readTrades(List.of(IBM), ALL)).containsExactly(
                new Trade(IBM, Instant.parse("2013-10-11T13:30:01Z"), 185.05, 100));
        assertThat(store.instrument(SPY)).contains(Instrument.equity(SPY));
        assertThat(store.instrument(IBM)).contains(Instrument.equity(IBM));

        // what version 1 could not hold: a fractional volume and size, and a crypto instrument
        Symbol btc = Symbol.of("BTCUSD@COINBASE");
        store.recordInstruments(List.of(new Instrument(btc, AssetClass.CRYPTO, "coinbase")));
        Bar fractional = Bar.of(btc, Instant.parse("2016-10-07T00:00:00Z"), Interval.ONE_MINUTE, 617.5, 617.5,
                617.49, 617.49, 0.66756);
        store.upsertBars(BarSeries.of(Interval.ONE_MINUTE, List.of(fractional)));
        store.upsertTrades(TradeSeries.of(List.of(new Trade(btc, fractional.start(), 617.5, 0.1 + 0.2))));
        store.upsertQuotes(QuoteSeries.of(List.of(new Quote(btc, fractional.start(), 617.4, 617.6, 1e-8, 12.5))));
        assertThat(store.readBars(btc, Interval.ONE_MINUTE, ALL)).containsExactly(fractional);
        assertThat(Double.doubleToRawLongBits(store.readTrades(List.of(btc), ALL).get(0).size()))
                .isEqualTo(Double.doubleToRawLongBits(0.30000000000000004));
        assertThat(store.readQuotes(List.of(btc), ALL).get(0).bidSize()).isEqualTo(1e-8);
        assertThat(store.instrument(btc)).contains(new Instrument(btc, AssetClass.CRYPTO, "coinbase"));
        assertThat(store.instrument(Symbol.of("NONE"))).isEqualTo(Optional.empty());
    }

    private static void createVersion1(String url) throws SQLException {
        execute(url, VERSION_1);
    }

    private static void execute(String url, List<String> sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    private static List<String> strings(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }
}
