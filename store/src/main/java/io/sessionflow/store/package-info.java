/**
 * Storage backends behind the core {@link io.sessionflow.storage.MarketDataStore} seam. {@link
 * io.sessionflow.store.Stores#open(String)} picks the backend from the {@code --db} value: a file path opens the
 * embedded DuckDB store, a {@code jdbc:postgresql://} URL the shared PostgreSQL server.
 */
package io.sessionflow.store;
