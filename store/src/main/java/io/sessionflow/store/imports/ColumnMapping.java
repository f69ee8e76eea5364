package io.sessionflow.store.imports;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which column of a CSV or Parquet row holds which bar field, from a header (or Parquet column names) or from the
 * {@code --columns} list. Names are matched case-insensitively, ignoring spaces, {@code _} and {@code -}, against
 * aliases: time {@code timestamp|datetime|ts|t|time|date} (a {@code date} and a {@code time} column together are
 * joined with a space), {@code open|o}, {@code high|h}, {@code low|l}, {@code close|c}, {@code volume|vol|v},
 * {@code symbol|ticker|sym}, trade count {@code tradecount|trades|numtrades|transactions|n}, {@code vwap|vw}.
 * Other header columns are ignored; in {@code --columns}, {@code -} skips a column.
 *
 * <p>Immutable.
 */
final class ColumnMapping {

    /** The bar fields a column can hold. */
    enum Field {
        TIMESTAMP("timestamp", "datetime", "ts", "t"),
        TIME("time"),
        DATE("date"),
        OPEN("open", "o"),
        HIGH("high", "h"),
        LOW("low", "l"),
        CLOSE("close", "c"),
        VOLUME("volume", "vol", "v"),
        SYMBOL("symbol", "ticker", "sym"),
        TRADE_COUNT("tradecount", "trades", "numtrades", "transactions", "n"),
        VWAP("vwap", "vw");

        private final List<String> aliases;

        Field(String... aliases) {
            this.aliases = List.of(aliases);
        }

        static Optional<Field> byName(String name) {
            String n = normalise(name);
            for (Field f : values()) {
                if (f.aliases.contains(n)) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    private static final Field[] REQUIRED = {Field.OPEN, Field.HIGH, Field.LOW, Field.CLOSE, Field.VOLUME};

    private final int width;
    private final Map<Field, Integer> index;
    private final Map<Field, String> names;

    private ColumnMapping(int width, Map<Field, Integer> index, Map<Field, String> names) {
        this.width = width;
        this.index = index;
        this.names = names;
    }

    /**
     * The mapping of a header row or Parquet schema.
     *
     * @throws IllegalArgumentException when a required field has no column or two columns claim the same field
     */
    static ColumnMapping fromHeader(String[] header) {
        return build(List.of(header), false);
    }

    /**
     * The mapping of {@code --columns}.
     *
     * @throws IllegalArgumentException on an unknown name, a field named twice or a required field missing
     */
    static ColumnMapping fromNames(List<String> columns) {
        return build(columns, true);
    }

    private static ColumnMapping build(List<String> columns, boolean strict) {
        Map<Field, Integer> index = new EnumMap<>(Field.class);
        Map<Field, String> names = new EnumMap<>(Field.class);
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.get(i).trim();
            if (strict && name.equals("-")) {
                continue;
            }
            Optional<Field> field = Field.byName(name);
            if (field.isEmpty()) {
                if (strict) {
                    throw new IllegalArgumentException("unknown column '" + name + "' in --columns; known: time, "
                            + "timestamp, date, open, high, low, close, volume, symbol, trade_count, vwap, - (skip)");
                }
                continue;
            }
            String previous = names.putIfAbsent(field.get(), name);
            if (previous != null) {
                throw new IllegalArgumentException("columns '" + previous + "' and '" + name + "' both mean "
                        + field.get().label());
            }
            index.put(field.get(), i);
        }
        List<String> missing = new ArrayList<>();
        if (!index.containsKey(Field.TIMESTAMP) && !index.containsKey(Field.TIME) && !index.containsKey(Field.DATE)) {
            missing.add("time");
        }
        for (Field f : REQUIRED) {
            if (!index.containsKey(f)) {
                missing.add(f.label());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no " + String.join(", ", missing) + " column"
                    + (missing.size() == 1 ? "" : "s") + " in " + columns);
        }
        return new ColumnMapping(columns.size(), index, names);
    }

    /** The number of columns every row must have. */
    int width() {
        return width;
    }

    /** The column of {@code field}, or -1 when the file has none. */
    int column(Field field) {
        return index.getOrDefault(field, -1);
    }

    /** The file's own name for the symbol column, for messages. */
    Optional<String> symbolColumnName() {
        return Optional.ofNullable(names.get(Field.SYMBOL));
    }

    /** The time text of a row: the timestamp column, else the date and time columns joined by a space. */
    String timeText(String[] row) {
        if (index.containsKey(Field.TIMESTAMP)) {
            return row[index.get(Field.TIMESTAMP)];
        }
        Integer date = index.get(Field.DATE);
        Integer time = index.get(Field.TIME);
        if (date != null && time != null) {
            return row[date] + " " + row[time];
        }
        return row[date != null ? date : time];
    }

    private static String normalise(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != ' ' && c != '_' && c != '-') {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }
}
