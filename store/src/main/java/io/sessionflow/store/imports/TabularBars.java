package io.sessionflow.store.imports;

import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;
import io.sessionflow.store.imports.ColumnMapping.Field;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Decodes the rows of a CSV or Parquet file into 1-minute bars through a {@link ColumnMapping}: time (shifted back
 * one minute for end-labelled bars), symbol, OHLC, volume, and the optional trade count and VWAP.
 *
 * <p>The symbol comes from the symbol column when there is one (rows disagreeing with {@code --symbol} are bad),
 * else from {@code --symbol}, else from the file name: its first word before {@code _}, {@code -}, {@code .} or a
 * space ({@code AAPL_Minute.csv} is AAPL).
 *
 * <p>Not thread-safe: one per file.
 */
final class TabularBars implements RowCursor.RowHandler {

    private final ColumnMapping mapping;
    private final TimeParser time;
    private final long shiftMicros;
    private final Symbol fixed;
    private final Symbol expected;
    private final ImportOptions options;
    private final BarCollector out;
    private final int open;
    private final int high;
    private final int low;
    private final int close;
    private final int volume;
    private final int symbolColumn;
    private final int tradeCount;
    private final int vwap;
    private String lastSymbolText;
    private Symbol lastSymbol;

    private TabularBars(ColumnMapping mapping, TimeParser time, ImportOptions options, Symbol fixed,
                        BarCollector out) {
        this.mapping = mapping;
        this.time = time;
        this.shiftMicros = options.barLabel() == BarLabel.END ? Micros.PER_MINUTE : 0;
        this.fixed = fixed;
        this.expected = options.symbol().map(options::qualify).orElse(null);
        this.options = options;
        this.out = out;
        this.open = mapping.column(Field.OPEN);
        this.high = mapping.column(Field.HIGH);
        this.low = mapping.column(Field.LOW);
        this.close = mapping.column(Field.CLOSE);
        this.volume = mapping.column(Field.VOLUME);
        this.symbolColumn = mapping.column(Field.SYMBOL);
        this.tradeCount = mapping.column(Field.TRADE_COUNT);
        this.vwap = mapping.column(Field.VWAP);
    }

    /**
     * Reads the remaining rows of {@code cursor} as bars.
     *
     * @param file the name messages use
     * @param path the file, whose name may give the symbol
     */
    static ParsedFile read(String file, Path path, RowCursor cursor, ColumnMapping mapping, ImportOptions options,
                           TimeParser time, ProgressMeter meter) throws IOException {
        String source;
        Symbol fixed = null;
        if (mapping.symbolColumnName().isPresent()) {
            source = "symbol column '" + mapping.symbolColumnName().get() + "'";
        } else if (options.symbol().isPresent()) {
            source = "--symbol";
            fixed = options.qualify(options.symbol().get());
        } else {
            source = "file name";
            fixed = symbolOfFileName(file, path);
            try {
                fixed = options.qualify(fixed);
            } catch (IllegalArgumentException e) {
                throw new ImportException(file + ": " + e.getMessage(), e);
            }
        }
        BadRows bad = new BadRows(file);
        BarCollector bars = new BarCollector();
        long read = cursor.drain(new TabularBars(mapping, time, options, fixed, bars), bad, meter);
        return ParsedFile.bars(file, source, read, bars, bad);
    }

    @Override
    public void row(long line, String[] f) throws BadRow {
        RowCursor.requireFields(f, mapping.width());
        long start = time.micros(mapping.timeText(f)) - shiftMicros;
        out.add(line, symbol(f), start,
                Fields.decimal("open", f[open]), Fields.decimal("high", f[high]), Fields.decimal("low", f[low]),
                Fields.decimal("close", f[close]), Fields.quantity("volume", f[volume]),
                tradeCount < 0 ? Bar.NO_TRADE_COUNT
                        : Fields.optionalWholeNumber("trade count", f[tradeCount], Bar.NO_TRADE_COUNT),
                vwap < 0 ? Double.NaN : Fields.optionalDecimal("vwap", f[vwap]));
    }

    private Symbol symbol(String[] f) throws BadRow {
        if (symbolColumn < 0) {
            return fixed;
        }
        String text = f[symbolColumn];
        if (!text.equals(lastSymbolText)) {
            String upper = text.toUpperCase(Locale.ROOT);
            if (!Symbol.isValid(upper)) {
                throw new BadRow(text.isEmpty() ? "symbol is empty" : "symbol '" + text + "' is not a valid ticker");
            }
            try {
                lastSymbol = options.qualify(Symbol.of(upper));
            } catch (IllegalArgumentException e) {
                throw new BadRow(e.getMessage());
            }
            lastSymbolText = text;
        }
        if (expected != null && !expected.equals(lastSymbol)) {
            throw new BadRow("symbol " + lastSymbol + " does not match --symbol " + expected);
        }
        return lastSymbol;
    }

    private static Symbol symbolOfFileName(String file, Path path) {
        String name = path.getFileName().toString();
        String word = name.split("[_\\-. ]", 2)[0].toUpperCase(Locale.ROOT);
        if (!Symbol.isValid(word)) {
            throw new ImportException(file + ": cannot tell the symbol from the file name; give --symbol or a "
                    + "symbol column");
        }
        return Symbol.of(word);
    }
}
