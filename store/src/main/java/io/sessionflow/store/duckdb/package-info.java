/**
 * The embedded DuckDB backend: one local file, reads through DuckDB's Arrow export (or plain JDBC where the JVM does
 * not open {@code java.nio} to Arrow), writes staged with its appender.
 * Only {@link io.sessionflow.store.duckdb.DuckDb} is public; open stores through {@link io.sessionflow.store.Stores}.
 */
package io.sessionflow.store.duckdb;
