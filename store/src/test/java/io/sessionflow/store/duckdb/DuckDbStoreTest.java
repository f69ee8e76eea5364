package io.sessionflow.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.storage.UpsertResult;
import io.sessionflow.store.Stores;
import io.sessionflow.store.contract.MarketDataStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract on the embedded DuckDB store, plus what only a file-backed store has; on the read path the JVM allows
 * (Arrow, since the build opens {@code java.nio}). {@link DuckDbJdbcReadTest} runs it all again on the JDBC path.
 */
class DuckDbStoreTest extends MarketDataStoreContract {

    @TempDir
    Path dir;

    Path file() {
        return dir.resolve("nested/folder/store.duckdb");
    }

    @Override
    protected MarketDataStore openStore() {
        return Stores.open(file().toString());
    }

    @Override
    protected Optional<AutoCloseable> rejectRepeatedVolumes() throws Exception {
        // A second connection to the same file shares the store's database instance inside this JVM.
        Connection side = DriverManager.getConnection("jdbc:duckdb:" + file().toAbsolutePath());
        try (Statement s = side.createStatement()) {
            s.execute("CREATE UNIQUE INDEX test_unique_volume ON bars (volume)");
        }
        return Optional.of(() -> {
            try (side; Statement s = side.createStatement()) {
                s.execute("DROP INDEX test_unique_volume");
            }
        });
    }

    @Override
    protected Optional<Set<String>> storedSymbols() throws Exception {
        try (Connection side = DriverManager.getConnection("jdbc:duckdb:" + file().toAbsolutePath());
             Statement s = side.createStatement();
             ResultSet rs = s.executeQuery("SELECT symbol FROM symbols")) {
            Set<String> out = new TreeSet<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return Optional.of(out);
        }
    }

    /** The read path the stores of this class use. */
    ReadPath expectedReadPath() {
        return ArrowSupport.javaNioOpenToArrow() ? ReadPath.ARROW : ReadPath.JDBC;
    }

    @Test
    void readsUseTheExpectedPath() {
        assertThat(((DuckDbStore) store).readPath()).isEqualTo(expectedReadPath());
    }

    @Test
    void dataOutlivesTheStoreAndTheFolderIsCreated() {
        store.upsertBars(BarSeries.of(M1, List.of(bar(AAPL, 0, 10))));
        store.close();
        assertThat(file()).isRegularFile();

        store = openStore();

        assertThat(store.readBars(AAPL, M1, ALL)).containsExactly(bar(AAPL, 0, 10));
        assertThat(store.upsertBars(BarSeries.of(M1, List.of(bar(AAPL, 0, 10), bar(MSFT, 0, 20)))))
                .isEqualTo(new UpsertResult(1, 0, 1));
        assertThat(store.description()).endsWith("store.duckdb");
    }

    @Test
    void timesOutsideYearsOneToNineThousandNineHundredNinetyNineAreRejectedBeforeSql() {
        Bar far = Bar.of(AAPL, Instant.parse("+10000-01-01T00:00:00Z"), Interval.ONE_MINUTE, 1, 1, 1, 1, 1);

        assertThatThrownBy(() -> store.upsertBars(BarSeries.of(M1, List.of(bar(AAPL, 0, 10), far))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AAPL +10000-01-01T00:00:00Z");
        assertThat(store.barCoverage()).isEmpty();
    }

    @Test
    void openExistingReadsAStoreAndCreatesNothingWhereThereIsNone() throws Exception {
        store.upsertBars(BarSeries.of(M1, List.of(bar(AAPL, 0, 10))));
        store.close();
        try (MarketDataStore existing = Stores.openExisting(file().toString())) {
            assertThat(existing.readBars(AAPL, M1, ALL)).containsExactly(bar(AAPL, 0, 10));
        }
        store = openStore();
        Path typo = dir.resolve("nonexist/y.duckdb");

        assertThatThrownBy(() -> Stores.openExisting(typo.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DuckDB file " + typo + " does not exist");
        assertThatThrownBy(() -> DuckDb.openExisting(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("is a folder");
        assertThat(dir.resolve("nonexist")).doesNotExist();
    }

    @Test
    void openExistingRefusesADuckDbFileThatIsNoStoreAndLeavesItAlone() throws Exception {
        Path other = dir.resolve("other.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + other); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE notes (line VARCHAR)");
        }

        assertThatThrownBy(() -> DuckDb.openExisting(other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(other + " is not a sessionflow store (it has no sessionflow_schema table)");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + other); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables ORDER BY 1")) {
            List<String> tables = new java.util.ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
            assertThat(tables).containsExactly("notes");
        }
    }

    @Test
    void aFolderIsNotAStore() {
        assertThatThrownBy(() -> Stores.open(dir.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("folder");
    }

    @Test
    void aPathUnderAFileCannotBeCreated() throws Exception {
        Path blocker = Files.writeString(dir.resolve("plain.txt"), "not a folder");

        assertThatThrownBy(() -> Stores.open(blocker.resolve("x.duckdb").toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(blocker.resolve("x.duckdb").toString())
                .hasMessageNotContaining("\n");
    }

    @Test
    void aFileThatIsNotADatabaseIsBadInput() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.duckdb"), "just some text, long enough to have a header"
                .repeat(200));

        assertThatThrownBy(() -> Stores.open(text.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text.toString())
                .hasMessageNotContaining("\n");
    }
}
