package io.sessionflow.store.duckdb;

/** How a DuckDB store reads bulk results. Immutable. */
enum ReadPath {
    /** DuckDB's Arrow export, copied out with bulk buffer copies: the fast path. */
    ARROW,
    /** The plain JDBC result set, row by row: slower, and needs nothing of the JVM. */
    JDBC
}
