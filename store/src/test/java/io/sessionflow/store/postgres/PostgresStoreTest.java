package io.sessionflow.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Symbol;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.store.Stores;
import io.sessionflow.store.contract.MarketDataStoreContract;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The contract on the PostgreSQL store, each test in a schema of its own on the server of {@link TestServer}. */
class PostgresStoreTest extends MarketDataStoreContract {

    private String server;
    private String schema;

    @Override
    protected MarketDataStore openStore() throws Exception {
        server = TestServer.url();
        schema = TestServer.createSchema(server);
        return Stores.open(TestServer.inSchema(server, schema));
    }

    @Override
    protected void disposeStore() throws Exception {
        TestServer.dropSchema(server, schema);
    }

    @Override
    protected Optional<AutoCloseable> rejectRepeatedVolumes() throws Exception {
        TestServer.execute(server, "CREATE UNIQUE INDEX test_unique_volume ON " + schema + ".bars (volume)");
        return Optional.of(() -> TestServer.execute(server, "DROP INDEX " + schema + ".test_unique_volume"));
    }

    @Override
    protected Optional<Set<String>> storedSymbols() throws Exception {
        return Optional.of(Set.copyOf(TestServer.strings(server, "SELECT symbol FROM " + schema + ".symbols")));
    }

    @Test
    void twoStoresShareOneDatabase() {
        try (MarketDataStore other = Stores.open(TestServer.inSchema(server, schema))) {
            other.upsertBars(BarSeries.of(M1, List.of(bar(MSFT, 0, 20), bar(Symbol.of("NEW"), 0, 5))));

            assertThat(store.readBars(List.of(MSFT, Symbol.of("NEW")), M1, ALL)).hasSize(2);
            assertThat(store.barCoverage()).extracting(c -> c.symbol().value()).containsExactly("MSFT", "NEW");
        }
    }

    @Test
    void openExistingUsesAStoreAndRefusesADatabaseWithoutOneCreatingNothing() throws Exception {
        store.upsertBars(BarSeries.of(M1, List.of(bar(MSFT, 0, 20))));
        try (MarketDataStore existing = Stores.openExisting(TestServer.inSchema(server, schema))) {
            assertThat(existing.readBars(MSFT, M1, ALL)).containsExactly(bar(MSFT, 0, 20));
        }
        String empty = TestServer.createSchema(server);
        try {
            assertThatThrownBy(() -> Stores.openExisting(TestServer.inSchema(server, empty)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageEndingWith(" is not a sessionflow store (it has no sessionflow_schema table)")
                    .hasMessageNotContaining("?");
            assertThat(TestServer.strings(server, "SELECT table_name FROM information_schema.tables WHERE "
                    + "table_schema = '" + empty + "'")).isEmpty();
        } finally {
            TestServer.dropSchema(server, empty);
        }
    }

    @Test
    void theDescriptionHasNoCredentials() {
        assertThat(store.description()).startsWith("jdbc:postgresql://").doesNotContain("?").doesNotContain("user");
    }
}
