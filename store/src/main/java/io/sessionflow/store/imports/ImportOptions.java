package io.sessionflow.store.imports;

import io.sessionflow.domain.AssetClass;
import io.sessionflow.domain.Symbol;
import io.sessionflow.storage.Instrument;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link Importer} reads files: the format and, for CSV and Parquet, how columns, times and symbols are read;
 * and for every format what the symbols are (asset class, venue).
 * Built with {@link #builder(ImportFormat)}, which rejects options that do not apply to the format, so that a flag is
 * never silently ignored.
 *
 * <p>Immutable; safe to share between threads.
 */
public final class ImportOptions {

    private final ImportFormat format;
    private final Symbol symbol;
    private final ZoneId zone;
    private final BarLabel barLabel;
    private final char delimiter;
    private final List<String> columns;
    private final String timeFormat;
    private final boolean skipBad;
    private final boolean continuousFutures;
    private final AssetClass assetClass;
    private final String venue;

    private ImportOptions(Builder b) {
        this.format = b.format;
        this.symbol = b.symbol;
        this.zone = b.zone;
        this.barLabel = b.barLabel == null ? BarLabel.START : b.barLabel;
        this.delimiter = b.delimiter == null ? ',' : b.delimiter;
        this.columns = b.columns == null ? null : List.copyOf(b.columns);
        this.timeFormat = b.timeFormat;
        this.skipBad = b.skipBad;
        this.continuousFutures = b.continuousFutures;
        this.assetClass = b.assetClass == null ? AssetClass.EQUITY : b.assetClass;
        this.venue = b.venue == null ? "" : b.venue.strip();
    }

    public static Builder builder(ImportFormat format) {
        return new Builder(format);
    }

    public ImportFormat format() {
        return format;
    }

    /** The symbol of every row; when the file also has a symbol column, rows naming another symbol are bad. */
    public Optional<Symbol> symbol() {
        return Optional.ofNullable(symbol);
    }

    /** The zone of timestamps without a UTC offset. */
    public Optional<ZoneId> zone() {
        return Optional.ofNullable(zone);
    }

    public BarLabel barLabel() {
        return barLabel;
    }

    public char delimiter() {
        return delimiter;
    }

    /** The column names of a headerless CSV, in order; empty when the file has a header. */
    public Optional<List<String>> columns() {
        return Optional.ofNullable(columns);
    }

    /** A {@link DateTimeFormatter} pattern for the time column, instead of ISO-8601 or epoch detection. */
    public Optional<String> timeFormat() {
        return Optional.ofNullable(timeFormat);
    }

    /** Import the good rows and report the bad ones, instead of failing on the first bad row. */
    public boolean skipBad() {
        return skipBad;
    }

    /** LEAN futures: also write each root's continuous front-month series (see {@code FutureContracts}). */
    public boolean continuousFutures() {
        return continuousFutures;
    }

    /** The asset class recorded for every imported symbol; {@link AssetClass#EQUITY} unless given. */
    public AssetClass assetClass() {
        return assetClass;
    }

    /** The venue every imported symbol is qualified by ({@code SPY} becomes {@code SPY@IEX}); empty for none. */
    public String venue() {
        return venue;
    }

    /**
     * {@code symbol} as it is stored: qualified by {@link #venue()} when one is given.
     *
     * @throws IllegalArgumentException when the symbol already carries another venue qualifier
     */
    public Symbol qualify(Symbol symbol) {
        if (venue.isEmpty()) {
            return symbol;
        }
        Symbol qualified = symbol.withVenue(venue);
        if (!symbol.venue().isEmpty() && !symbol.equals(qualified)) {
            throw new IllegalArgumentException("symbol " + symbol + " has venue " + symbol.venue() + ", not --venue "
                    + venue);
        }
        return qualified;
    }

    /** What {@code stored}, a symbol as {@link #qualify} made it, is recorded as. */
    public Instrument instrument(Symbol stored) {
        return new Instrument(stored, assetClass, venue.isEmpty() ? stored.venue().toLowerCase(java.util.Locale.ROOT)
                : venue);
    }

    /**
     * Collects options; {@link #build()} validates them together. Not thread-safe.
     */
    public static final class Builder {
        private final ImportFormat format;
        private Symbol symbol;
        private ZoneId zone;
        private BarLabel barLabel;
        private Character delimiter;
        private boolean noHeader;
        private List<String> columns;
        private String timeFormat;
        private boolean skipBad;
        private boolean continuousFutures;
        private AssetClass assetClass;
        private String venue;

        private Builder(ImportFormat format) {
            this.format = Objects.requireNonNull(format, "format");
        }

        public Builder symbol(Symbol s) {
            this.symbol = s;
            return this;
        }

        public Builder zone(ZoneId z) {
            this.zone = z;
            return this;
        }

        public Builder barLabel(BarLabel label) {
            this.barLabel = label;
            return this;
        }

        public Builder delimiter(char c) {
            this.delimiter = c;
            return this;
        }

        /** The CSV has no header row; {@link #columns} must then name its columns. */
        public Builder noHeader(boolean value) {
            this.noHeader = value;
            return this;
        }

        /** Column names of a headerless CSV in order (aliases as in a header; {@code -} skips a column). */
        public Builder columns(List<String> names) {
            this.columns = names == null ? null : new ArrayList<>(names);
            return this;
        }

        public Builder timeFormat(String pattern) {
            this.timeFormat = pattern;
            return this;
        }

        public Builder skipBad(boolean value) {
            this.skipBad = value;
            return this;
        }

        public Builder continuousFutures(boolean value) {
            this.continuousFutures = value;
            return this;
        }

        /** The asset class of the imported symbols; null for the default, {@link AssetClass#EQUITY}. */
        public Builder assetClass(AssetClass value) {
            this.assetClass = value;
            return this;
        }

        /** The venue the imported symbols are qualified by ({@code iex}, {@code coinbase}); null or empty for none. */
        public Builder venue(String value) {
            this.venue = value;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the option that does not apply to the format or is malformed
         */
        public ImportOptions build() {
            if (format == ImportFormat.LEAN) {
                rejectForLean(symbol != null, "--symbol", "the symbol comes from the folder name");
                rejectForLean(zone != null, "--tz", "times are milliseconds since midnight in the market's data zone");
                rejectForLean(barLabel != null, "--bar-label", "bars are stamped with their start");
                rejectForLean(timeFormat != null, "--time-format", "times are milliseconds since midnight");
            }
            if (format == ImportFormat.CORPORATE_ACTIONS) {
                // The file names its symbols and dates; nothing about bars applies.
                for (String option : List.of(symbol != null ? "--symbol" : "", zone != null ? "--tz" : "",
                        barLabel != null ? "--bar-label" : "", timeFormat != null ? "--time-format" : "",
                        venue != null ? "--venue" : "")) {
                    if (!option.isEmpty()) {
                        throw new IllegalArgumentException(option + " does not apply to --format corporate-actions");
                    }
                }
            }
            if (format != ImportFormat.LEAN && continuousFutures) {
                throw new IllegalArgumentException("--continuous-futures only applies to --format lean, not " + format);
            }
            if (format != ImportFormat.CSV) {
                rejectUnlessCsv(delimiter != null, "--delimiter");
                rejectUnlessCsv(noHeader, "--no-header");
                rejectUnlessCsv(columns != null, "--columns");
            }
            if (noHeader && columns == null) {
                throw new IllegalArgumentException("--no-header needs --columns naming the columns in order, e.g. "
                        + "--columns time,open,high,low,close,volume");
            }
            if (columns != null && !noHeader) {
                throw new IllegalArgumentException("--columns names the columns of a file without header: add "
                        + "--no-header (a header row is read by name)");
            }
            if (columns != null) {
                ColumnMapping.fromNames(columns);  // fails here, before any file is opened, on an unknown name
            }
            if (delimiter != null && (delimiter == '"' || delimiter == '\n' || delimiter == '\r')) {
                throw new IllegalArgumentException("--delimiter cannot be a quote or a line break");
            }
            if (timeFormat != null) {
                try {
                    TimeParser.strict(timeFormat);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--time-format '" + timeFormat + "' is not a java.time "
                            + "pattern: " + e.getMessage(), e);
                }
            }
            if (venue != null) {
                try {
                    Symbol.checkVenue(venue);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--" + e.getMessage(), e);
                }
            }
            if (symbol != null && venue != null && !venue.isBlank() && !symbol.venue().isEmpty()) {
                throw new IllegalArgumentException("--symbol " + symbol + " has a venue qualifier already; give "
                        + "either that or --venue " + venue);
            }
            return new ImportOptions(this);
        }

        private static void rejectForLean(boolean given, String option, String why) {
            if (given) {
                throw new IllegalArgumentException(option + " does not apply to --format lean: " + why);
            }
        }

        private void rejectUnlessCsv(boolean given, String option) {
            if (given) {
                throw new IllegalArgumentException(option + " only applies to --format csv, not " + format);
            }
        }
    }
}
