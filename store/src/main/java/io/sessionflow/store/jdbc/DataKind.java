package io.sessionflow.store.jdbc;

import io.sessionflow.domain.Interval;
import java.util.Objects;

/**
 * One kind of stored data that {@link Inventory} reports and exports: a table, and for a table of bars the interval
 * code ({@link Interval#minutes()}: minutes, or {@link Interval#SESSION_MINUTES} for 1d session bars; 0 also for
 * tables without intervals, such as quotes and trades, told apart by their null interval column).
 *
 * <p>Immutable.
 *
 * @param name            the kind's name in reports ({@code bars}, {@code quotes}, {@code trades})
 * @param table           the table holding it
 * @param intervalColumn  the column splitting the table by interval, or null
 * @param intervalMinutes the interval code within that column (0 for 1d), 0 without a column
 */
public record DataKind(String name, Table table, String intervalColumn, int intervalMinutes) {

    public DataKind {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(table, "table");
        if (intervalColumn == null && intervalMinutes != 0 || intervalMinutes < 0
                || intervalMinutes > Interval.MAX_MINUTES) {
            throw new IllegalArgumentException(name + ": interval column " + intervalColumn + " with interval "
                    + intervalMinutes);
        }
    }

    /** The name with the interval, as reports show it: {@code bars 1m}, {@code bars 1d}, {@code quotes}. */
    public String label() {
        if (intervalColumn == null) {
            return name;
        }
        return name + " " + (intervalMinutes == Interval.SESSION_MINUTES ? "1d" : intervalMinutes + "m");
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
