/**
 * The storage seam: {@link io.sessionflow.storage.BarRepository}, {@link io.sessionflow.storage.QuoteStore} and
 * {@link io.sessionflow.storage.TradeStore}, gathered in {@link io.sessionflow.storage.MarketDataStore}. Backends
 * live in the {@code store} module (embedded DuckDB, PostgreSQL); core only depends on these interfaces.
 *
 * <p>Reads are half-open {@code [from, to)} and return columnar series; absence is an empty result, never an
 * exception. Writes are upserts keyed by symbol and time and report what they changed.
 */
package io.sessionflow.storage;
