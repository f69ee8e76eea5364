/**
 * Importers that load market data files into a {@link io.sessionflow.storage.MarketDataStore}: CSV (header-driven
 * or positional columns), QuantConnect LEAN minute and tick zips, and Parquet (read through an in-memory DuckDB).
 *
 * <p>The public surface is {@link io.sessionflow.store.imports.Importer} configured by
 * {@link io.sessionflow.store.imports.ImportOptions}; it returns an {@link io.sessionflow.store.imports.ImportReport}
 * and fails with an {@link io.sessionflow.store.imports.ImportException} naming {@code file:line} on bad input.
 * Every format runs through one path: a cursor yields text rows, a format decoder turns them into values, and a
 * collector validates them, so the bad-row rules are the same for all formats. Every file of an import is parsed
 * before anything is written: a bad row, unless skipped on request, leaves the store untouched.
 */
package io.sessionflow.store.imports;
