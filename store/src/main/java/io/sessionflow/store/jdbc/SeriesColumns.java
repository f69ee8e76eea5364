package io.sessionflow.store.jdbc;

import io.sessionflow.domain.ColumnSeries;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the rows of a series fill the columns of its table, by column name: every column but {@value Table#SYMBOL_ID},
 * the time key and {@value Table#SEQUENCE} (which the writer fills from the key order) has one accessor, integral or
 * decimal as its type says. {@link Builder#build()} checks that against the table, so a renamed or added column
 * fails when the class that describes it loads, not in the middle of a write.
 *
 * <p>Immutable.
 *
 * @param <S> the series type
 */
final class SeriesColumns<S extends ColumnSeries<?, S>> {

    /** An integral column's value in row {@code row} of a series. */
    @FunctionalInterface
    interface Integral<S> {
        long get(S series, int row);
    }

    /** A decimal column's value in row {@code row} of a series. */
    @FunctionalInterface
    interface Decimal<S> {
        double get(S series, int row);
    }

    private final Table table;
    private final String noun;
    /** Per column of {@link Table#columns()}: its accessor, or null. */
    private final List<Integral<S>> integral;
    private final List<Decimal<S>> decimal;

    private SeriesColumns(Table table, String noun, List<Integral<S>> integral, List<Decimal<S>> decimal) {
        this.table = table;
        this.noun = noun;
        this.integral = integral;
        this.decimal = decimal;
    }

    /** Starts describing how series fill {@code table}; {@code noun} names one row in messages ("bar"). */
    static <S extends ColumnSeries<?, S>> Builder<S> of(Table table, String noun) {
        return new Builder<>(table, noun);
    }

    Table table() {
        return table;
    }

    /** One row, for messages: "bar", "quote", "trade". */
    String noun() {
        return noun;
    }

    /** The accessor of integral column {@code column} (an index into {@link Table#columns()}), or null. */
    Integral<S> integral(int column) {
        return integral.get(column);
    }

    /** The accessor of decimal column {@code column} (an index into {@link Table#columns()}), or null. */
    Decimal<S> decimal(int column) {
        return decimal.get(column);
    }

    /** Whether the writer, not an accessor, fills the column: symbol id, time key or sequence. */
    static boolean filledByWriter(Table table, Column column) {
        return column.name().equals(Table.SYMBOL_ID) || column.equals(table.timeKey())
                || column.name().equals(Table.SEQUENCE);
    }

    /** Collects accessors by column name. Not thread-safe; used once, to build a constant. */
    static final class Builder<S extends ColumnSeries<?, S>> {
        private final Table table;
        private final String noun;
        private final Map<String, Integral<S>> integral = new LinkedHashMap<>();
        private final Map<String, Decimal<S>> decimal = new LinkedHashMap<>();

        private Builder(Table table, String noun) {
            this.table = Objects.requireNonNull(table, "table");
            this.noun = Objects.requireNonNull(noun, "noun");
        }

        Builder<S> integral(String column, Integral<S> accessor) {
            integral.put(column, Objects.requireNonNull(accessor, column));
            return this;
        }

        Builder<S> decimal(String column, Decimal<S> accessor) {
            decimal.put(column, Objects.requireNonNull(accessor, column));
            return this;
        }

        /**
         * @throws IllegalStateException when an accessor names no column of the table, has the wrong kind, or a
         *                               column the writer does not fill has no accessor
         */
        SeriesColumns<S> build() {
            List<Column> columns = table.columns();
            List<Integral<S>> ints = new ArrayList<>(Collections.nCopies(columns.size(), null));
            List<Decimal<S>> doubles = new ArrayList<>(Collections.nCopies(columns.size(), null));
            int used = 0;
            for (int c = 0; c < columns.size(); c++) {
                Column column = columns.get(c);
                if (filledByWriter(table, column)) {
                    continue;
                }
                ints.set(c, integral.get(column.name()));
                doubles.set(c, decimal.get(column.name()));
                boolean expectDouble = column.type().isDouble();
                Object wanted = expectDouble ? doubles.get(c) : ints.get(c);
                Object other = expectDouble ? ints.get(c) : doubles.get(c);
                if (wanted == null || other != null) {
                    throw new IllegalStateException(table.name() + "." + column.name() + " (" + column.type()
                            + ") needs exactly one " + (expectDouble ? "decimal" : "integral") + " accessor");
                }
                used++;
            }
            if (used != integral.size() + decimal.size()) {
                throw new IllegalStateException(table.name() + " has no column for some of the accessors "
                        + integral.keySet() + " " + decimal.keySet());
            }
            return new SeriesColumns<>(table, noun, Collections.unmodifiableList(ints),
                    Collections.unmodifiableList(doubles));
        }
    }
}
