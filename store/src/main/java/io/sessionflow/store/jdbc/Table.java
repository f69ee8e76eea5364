package io.sessionflow.store.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A stored table: key columns (the primary key, {@code symbol_id} first, then the time column that orders rows) and
 * value columns. The SQL both backends run is generated from it, so bars, quotes and trades share one code path.
 *
 * <p>Immutable.
 */
public record Table(String name, List<Column> key, List<Column> values) {

    public Table {
        key = List.copyOf(key);
        values = List.copyOf(values);
    }

    /** Key columns, then value columns: the order of staged rows and of every select list. */
    public List<Column> columns() {
        List<Column> all = new ArrayList<>(key);
        all.addAll(values);
        return all;
    }

    /** The temporary table a write is staged in; it lives inside the write's transaction. */
    public String stageName() {
        return "stage_" + name;
    }

    String createSql() {
        return "CREATE TABLE IF NOT EXISTS " + name + " ("
                + columns().stream().map(c -> c.name() + " " + c.type().sql() + (c.type().isOptional() ? "" : " NOT NULL"))
                        .collect(Collectors.joining(", "))
                + ", PRIMARY KEY (" + names(key, Function.identity()) + "))";
    }

    String createStageSql() {
        return "CREATE TEMP TABLE " + stageName() + " ("
                + columns().stream().map(c -> c.name() + " " + c.type().sql()).collect(Collectors.joining(", ")) + ")";
    }

    /** Staged rows new to the table, and staged rows whose key exists with other values. */
    String compareSql() {
        String first = "t." + key.get(0).name();
        return "SELECT count(*) FILTER (WHERE " + first + " IS NULL), count(*) FILTER (WHERE " + first
                + " IS NOT NULL AND (" + differs() + ")) FROM " + stageName() + " s LEFT JOIN " + name + " t ON "
                + keyJoin();
    }

    /** Overwrites stored rows whose staged values differ, in place. */
    String updateSql() {
        return "UPDATE " + name + " AS t SET " + names(values, n -> n + " = s." + n) + " FROM " + stageName()
                + " AS s WHERE " + keyJoin() + " AND (" + differs() + ")";
    }

    /**
     * Appends the staged rows whose key is new, in key order, so that each symbol's rows lie together in storage
     * for the grouped read. (An {@code INSERT ... ON CONFLICT} would let DuckDB insert them out of order.)
     */
    String insertSql() {
        return "INSERT INTO " + name + " (" + names(columns(), Function.identity()) + ") SELECT "
                + names(columns(), n -> "s." + n) + " FROM " + stageName() + " s LEFT JOIN " + name + " t ON "
                + keyJoin() + " WHERE t." + key.get(0).name() + " IS NULL ORDER BY " + names(key, n -> "s." + n);
    }

    String dropStageSql() {
        return "DROP TABLE " + stageName();
    }

    private String keyJoin() {
        return key.stream().map(c -> "t." + c.name() + " = s." + c.name()).collect(Collectors.joining(" AND "));
    }

    private String differs() {
        return values.stream().map(c -> "s." + c.name() + " IS DISTINCT FROM t." + c.name())
                .collect(Collectors.joining(" OR "));
    }

    private static String names(List<Column> columns, Function<String, String> format) {
        return columns.stream().map(Column::name).map(format).collect(Collectors.joining(", "));
    }

    static Table of(String name, List<Column> key, Column... values) {
        return new Table(name, key, Stream.of(values).toList());
    }
}
