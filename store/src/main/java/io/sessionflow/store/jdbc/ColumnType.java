package io.sessionflow.store.jdbc;

import io.sessionflow.domain.Bar;

/**
 * The SQL column types the stores use, with how an absent value travels in Java: optional columns carry a sentinel
 * ({@link Bar#NO_TRADE_COUNT} for longs, {@code NaN} for doubles) that is {@code NULL} in SQL.
 *
 * <p>Immutable.
 */
public enum ColumnType {
    INT("INTEGER"),
    BIGINT("BIGINT"),
    /** A {@code TIMESTAMP} (without zone) holding UTC, carried as epoch microseconds. */
    TIMESTAMP("TIMESTAMP"),
    DOUBLE("FLOAT8"),
    /** A nullable {@code BIGINT}; {@link Bar#NO_TRADE_COUNT} in Java. */
    OPTIONAL_BIGINT("BIGINT"),
    /** A nullable {@code FLOAT8}; {@code NaN} in Java. */
    OPTIONAL_DOUBLE("FLOAT8");

    /** The value an absent optional long takes in Java. */
    public static final long ABSENT_LONG = Bar.NO_TRADE_COUNT;

    private final String sql;

    ColumnType(String sql) {
        this.sql = sql;
    }

    /** The type name in DDL; the same in DuckDB and PostgreSQL. */
    public String sql() {
        return sql;
    }

    public boolean isDouble() {
        return this == DOUBLE || this == OPTIONAL_DOUBLE;
    }

    public boolean isOptional() {
        return this == OPTIONAL_BIGINT || this == OPTIONAL_DOUBLE;
    }
}
