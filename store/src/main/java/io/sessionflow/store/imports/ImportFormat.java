package io.sessionflow.store.imports;

import java.util.Locale;

/** The file formats {@link Importer} reads. Constants; thread-safe. */
public enum ImportFormat {
    /** Delimited text with a header naming the columns, or positional columns given by the caller. */
    CSV,
    /** QuantConnect LEAN zips: {@code .../minute|tick/<sym>/<YYYYMMDD>_trade|quote.zip}. */
    LEAN,
    /** Apache Parquet, read through an in-memory DuckDB; columns are mapped by name like a CSV header. */
    PARQUET,
    /** Splits and dividends: a CSV with the header {@code symbol,ex_date,kind,value}. */
    CORPORATE_ACTIONS;

    /**
     * The format named {@code text}, case-insensitive.
     *
     * @throws IllegalArgumentException naming the text and the known formats
     */
    public static ImportFormat parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (ImportFormat f : values()) {
            if (f.name().equals(t)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + text + "'; known: csv, lean, parquet, corporate-actions");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
