/**
 * The storage seam: {@link io.sessionflow.storage.BarRepository}, {@link io.sessionflow.storage.QuoteStore} and
 * {@link io.sessionflow.storage.TradeStore}, gathered in {@link io.sessionflow.storage.MarketDataStore}. Backends
 * live in the {@code store} module (embedded DuckDB, PostgreSQL); core only depends on these interfaces.
 *
 * <p>Reads are half-open {@code [from, to)} and return columnar series; absence is an empty result, never an
 * exception. Writes are upserts keyed by symbol and time and report what they changed.
 *
 * <p>{@link io.sessionflow.storage.MarketDataStores#withBarBackfill} wraps a store so that its 1m reads fill the
 * minutes it lacks from a {@link io.sessionflow.storage.HistoricalBars} provider (a vendor's REST history, such as
 * {@code feed-alpaca}'s) and write them back: the live warm start and the live completeness checks then repair from
 * the vendor what the store never received.
 */
package io.sessionflow.storage;
