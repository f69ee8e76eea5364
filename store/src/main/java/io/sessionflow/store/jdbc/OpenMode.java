package io.sessionflow.store.jdbc;

/** Whether opening a store may create it. Immutable. */
public enum OpenMode {
    /** Create the database (for DuckDB the file and its folder) and the tables when missing. */
    CREATE,
    /** Open only a store that already exists: for read-only use, where a mistyped name must not create anything. */
    EXISTING
}
