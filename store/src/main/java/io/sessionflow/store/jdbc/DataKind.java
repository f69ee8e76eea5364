package io.sessionflow.store.jdbc;

import java.util.Objects;

/**
 * One kind of stored data that {@link Inventory} reports and exports: a table, and for a table of bars the interval
 * in minutes (0 for tables without intervals, such as quotes and trades).
 *
 * <p>Immutable.
 *
 * @param name            the kind's name in reports ({@code bars}, {@code quotes}, {@code trades})
 * @param table           the table holding it
 * @param intervalColumn  the column splitting the table by interval, or null
 * @param intervalMinutes the interval within that column, 0 without one
 */
public record DataKind(String name, Table table, String intervalColumn, int intervalMinutes) {

    public DataKind {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(table, "table");
        if ((intervalColumn == null) != (intervalMinutes == 0) || intervalMinutes < 0) {
            throw new IllegalArgumentException(name + ": interval column " + intervalColumn + " with interval "
                    + intervalMinutes);
        }
    }

    /** The name with the interval, as reports show it: {@code bars 1m}, {@code quotes}. */
    public String label() {
        return intervalColumn == null ? name : name + " " + intervalMinutes + "m";
    }

    /** True for 1-minute bars: the kind whose counts a calendar's expected minutes measure. */
    public boolean minuteBars() {
        return intervalMinutes == 1;
    }

    /** The SQL condition selecting this kind's rows of the table (prefixed by {@code alias}), or empty. */
    String condition(String alias) {
        return intervalColumn == null ? "" : alias + intervalColumn + " = " + intervalMinutes;
    }
}
