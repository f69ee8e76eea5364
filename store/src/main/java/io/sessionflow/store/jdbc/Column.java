package io.sessionflow.store.jdbc;

/**
 * One column of a stored table: its SQL name and type.
 *
 * <p>Immutable.
 */
public record Column(String name, ColumnType type) {
}
