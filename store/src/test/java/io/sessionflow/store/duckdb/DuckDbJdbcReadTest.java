package io.sessionflow.store.duckdb;

import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.store.jdbc.OpenMode;

/**
 * Everything {@link DuckDbStoreTest} checks, with bulk reads forced onto the plain JDBC path: what a JVM without
 * {@code --add-opens=java.base/java.nio=ALL-UNNAMED} falls back to.
 */
class DuckDbJdbcReadTest extends DuckDbStoreTest {

    @Override
    protected MarketDataStore openStore() {
        return DuckDb.open(file(), OpenMode.CREATE, ReadPath.JDBC);
    }

    @Override
    ReadPath expectedReadPath() {
        return ReadPath.JDBC;
    }
}
