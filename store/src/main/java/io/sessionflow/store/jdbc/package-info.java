/**
 * What the SQL backends share: {@link io.sessionflow.store.jdbc.JdbcStore}, a thin store composed of the schema and
 * its migrations ({@code SchemaManager}), the symbol dictionary ({@code SymbolDictionary}, {@code SymbolFilter}),
 * the staged upsert ({@code UpsertWriter}, columns found by name in {@link io.sessionflow.store.jdbc.Table}), the bar
 * and tick repositories, coverage queries and {@code Transactions}; and the small seams
 * ({@link io.sessionflow.store.jdbc.ColumnBatch}, {@link io.sessionflow.store.jdbc.StagedRows}) a backend implements
 * for bulk transfer. Internal to the store module: open stores through {@link io.sessionflow.store.Stores}; the one
 * public entry beyond the {@code MarketDataStore} contract is {@link io.sessionflow.store.jdbc.Inventory} (store
 * management: what a store holds, rows per session, export), reached through
 * {@link io.sessionflow.store.jdbc.JdbcStore#inventory()}.
 */
package io.sessionflow.store.jdbc;
