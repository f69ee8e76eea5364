package io.sessionflow.store.jdbc;

/** The file formats {@link Inventory#export} writes. Immutable. */
public enum ExportFormat {
    /** Comma-separated with a header line; times as ISO-8601 UTC text. */
    CSV,
    /** Apache Parquet; times as UTC timestamps (microseconds, adjusted to UTC). */
    PARQUET
}
