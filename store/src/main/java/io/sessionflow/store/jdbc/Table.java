package io.sessionflow.store.jdbc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A stored table: key columns (the primary key: {@value #SYMBOL_ID} first, one {@link ColumnType#TIMESTAMP} column
 * that orders rows, and for ticks a {@value #SEQUENCE} among equal times) and value columns. The SQL both backends
 * run is generated from it, and writes and reads find their columns in it by name, so bars, quotes and trades share
 * one code path.
 *
 * <p>Immutable.
 */
public record Table(String name, List<Column> key, List<Column> values) {

    /** The first key column of every table: the symbol's id in the {@code symbols} table. */
    public static final String SYMBOL_ID = "symbol_id";
    /** The key column that orders ticks sharing a timestamp, in write order. */
    public static final String SEQUENCE = "seq";

    public Table {
        key = List.copyOf(key);
        values = List.copyOf(values);
        if (key.isEmpty() || !key.get(0).name().equals(SYMBOL_ID) || key.get(0).type() != ColumnType.INT) {
            throw new IllegalArgumentException(name + ": the first key column must be " + SYMBOL_ID + " INT");
        }
        if (key.stream().filter(c -> c.type() == ColumnType.TIMESTAMP).count() != 1) {
            throw new IllegalArgumentException(name + ": the key needs exactly one TIMESTAMP column");
        }
        List<String> names = Stream.concat(key.stream(), values.stream()).map(Column::name).toList();
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException(name + ": repeated column names " + names);
        }
    }

    /** Key columns, then value columns: the order of staged rows. */
    public List<Column> columns() {
        List<Column> all = new ArrayList<>(key);
        all.addAll(values);
        return all;
    }

    /** The key column that orders a symbol's rows. */
    public Column timeKey() {
        return key.stream().filter(c -> c.type() == ColumnType.TIMESTAMP).findFirst().orElseThrow();
    }

    /** Whether rows with equal times are told apart by a {@value #SEQUENCE} key column. */
    public boolean sequenced() {
        return key.stream().anyMatch(c -> c.name().equals(SEQUENCE));
    }

    /**
     * What a grouped read selects, in the order {@link ColumnGrouper} wants: {@value #SYMBOL_ID}, the time key,
     * {@value #SEQUENCE} when there is one, then the value columns. Other key columns are filters of the read.
     */
    List<Column> readColumns() {
        List<Column> out = new ArrayList<>();
        out.add(key.get(0));
        out.add(timeKey());
        key.stream().filter(c -> c.name().equals(SEQUENCE)).forEach(out::add);
        out.addAll(values);
        return out;
    }

    /** The position of value column {@code column} among {@link #values()}: how grouped reads index their values. */
    int valueIndex(String column) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name + " has no value column " + column);
    }

    /** The grouped read's select list, with TIMESTAMP columns delivered through {@code micros}. */
    String selectList(Function<String, String> micros) {
        return readColumns().stream().map(c -> c.type() == ColumnType.TIMESTAMP ? micros.apply(c.name()) : c.name())
                .collect(Collectors.joining(", "));
    }

    /** The grouped read's column types. */
    List<ColumnType> readTypes() {
        return readColumns().stream().map(Column::type).toList();
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
        String first = "t." + SYMBOL_ID;
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
                + keyJoin() + " WHERE t." + SYMBOL_ID + " IS NULL ORDER BY " + names(key, n -> "s." + n);
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
