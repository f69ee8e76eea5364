package io.sessionflow.store.imports;

import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Quantities;
import io.sessionflow.domain.Symbol;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One QuantConnect LEAN equity zip, recognised by its path {@code .../minute|tick/<sym>/<YYYYMMDD>_trade|quote.zip},
 * which gives the symbol and the date; the zip holds one header-less CSV. Times are milliseconds after midnight New
 * York time on that date (midnight plus the milliseconds, as LEAN decodes them); prices are in deci-cents (÷ 10 000).
 * <ul>
 *   <li>minute trade: {@code ms,open,high,low,close,volume}, stamped with the bar start: 1-minute bars;</li>
 *   <li>minute quote: {@code ms,bid open,high,low,close,bid size,ask open,high,low,close,ask size}: one quote per
 *       bar, at the bar's <b>end</b> (when its closing bid and ask are known, so a replay cannot see it early), with
 *       the closing bid and ask and their sizes; a side whose prices are empty (and size 0) is absent: price 0,
 *       size 0;</li>
 *   <li>tick trade: {@code ms,price,size,exchange,sale condition,suspicious}: trades; rows flagged suspicious are
 *       left out and counted; exchange and condition are not kept;</li>
 *   <li>tick quote: {@code ms,bid,bid size,ask,ask size,exchange,condition,suspicious}: quotes, one-sided rows keep
 *       the absent side as 0/0; suspicious rows are left out and counted.</li>
 * </ul>
 *
 * <p>Immutable; {@link #read} is called by the importing thread.
 */
final class LeanFile {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Pattern NAME = Pattern.compile("(\\d{8})_(trade|quote)\\.zip");
    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final double DECI_CENTS = 10_000.0;

    private enum Resolution { MINUTE, TICK }

    private record Side(double price, double size) {
        static final Side ABSENT = new Side(0, 0);
    }

    private final Path path;
    private final Symbol symbol;
    private final LocalDate date;
    private final Resolution resolution;
    private final boolean quotes;

    private LeanFile(Path path, Symbol symbol, LocalDate date, Resolution resolution, boolean quotes) {
        this.path = path;
        this.symbol = symbol;
        this.date = date;
        this.resolution = resolution;
        this.quotes = quotes;
    }

    /** The LEAN file at {@code path}, or empty when the path does not have the shape of a minute or tick zip. */
    static Optional<LeanFile> of(Path path) {
        Matcher m = NAME.matcher(path.getFileName().toString());
        Path folder = path.getParent();
        Path resolutionFolder = folder == null ? null : folder.getParent();
        if (!m.matches() || resolutionFolder == null || resolutionFolder.getFileName() == null) {
            return Optional.empty();
        }
        Resolution resolution;
        switch (resolutionFolder.getFileName().toString()) {
            case "minute" -> resolution = Resolution.MINUTE;
            case "tick" -> resolution = Resolution.TICK;
            default -> {
                return Optional.empty();
            }
        }
        String ticker = folder.getFileName().toString().toUpperCase(Locale.ROOT);
        if (!Symbol.isValid(ticker)) {
            return Optional.empty();
        }
        try {
            LocalDate date = LocalDate.parse(m.group(1), DateTimeFormatter.BASIC_ISO_DATE);
            return Optional.of(new LeanFile(path, Symbol.of(ticker), date, resolution, m.group(2).equals("quote")));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** This file with its symbol as {@code options} store it ({@code SPY@IEX} under {@code --venue iex}). */
    LeanFile qualified(ImportOptions options) {
        Symbol stored = options.qualify(symbol);
        return stored.equals(symbol) ? this : new LeanFile(path, stored, date, resolution, quotes);
    }

    /** What {@link #of} expects, for messages. */
    static String expectedShape() {
        return ".../minute|tick/<symbol>/<YYYYMMDD>_trade|quote.zip";
    }

    /**
     * Minute quote bars and quote ticks of the same symbol and day would share the quote store, where a tick at a
     * whole minute and the bar quote stamped at that minute have the same key and overwrite each other on every
     * import. Refuse such a set rather than silently keep one of them.
     *
     * @throws ImportException naming both files
     */
    static void requireOneQuoteSourcePerDay(Collection<LeanFile> files) {
        Map<String, LeanFile> minuteQuotes = new TreeMap<>();
        for (LeanFile f : files) {
            if (f.quotes && f.resolution == Resolution.MINUTE) {
                minuteQuotes.put(f.symbol + " " + f.date, f);
            }
        }
        for (LeanFile f : files) {
            LeanFile other = minuteQuotes.get(f.symbol + " " + f.date);
            if (f.quotes && f.resolution == Resolution.TICK && other != null) {
                throw new ImportException(other.path + " and " + f.path + " both hold quotes of " + f.symbol + " on "
                        + f.date + " (minute bars and ticks), which would overwrite each other in the quote store; "
                        + "import one of them");
            }
        }
    }

    Path path() {
        return path;
    }

    /** Reads and validates every row of the zip's CSV. */
    ParsedFile read(ProgressMeter meter) throws IOException {
        String file = path.toString();
        BadRows bad = new BadRows(file);
        long midnight = Micros.of(date.atStartOfDay(NEW_YORK).toInstant());
        try (ZipFile zip = new ZipFile(path.toFile());
             RowCursor rows = CsvCursor.open(new InputStreamReader(zip.getInputStream(onlyEntry(zip)),
                     StandardCharsets.UTF_8), ',')) {
            if (resolution == Resolution.MINUTE && !quotes) {
                BarCollector bars = new BarCollector();
                long read = rows.drain((line, f) -> {
                    RowCursor.requireFields(f, 6);
                    bars.add(line, symbol, midnight + minuteMicros(f[0]), deciCents("open", f[1]),
                            deciCents("high", f[2]), deciCents("low", f[3]), deciCents("close", f[4]),
                            Fields.quantity("volume", f[5]), Bar.NO_TRADE_COUNT, Double.NaN);
                }, bad, meter);
                return ParsedFile.bars(file, "path", read, bars, bad);
            }
            TickCollector ticks = new TickCollector();
            if (resolution == Resolution.MINUTE) {
                long read = rows.drain((line, f) -> {
                    RowCursor.requireFields(f, 11);
                    Side bid = side(f, 1, "bid");
                    Side ask = side(f, 6, "ask");
                    ticks.quote(symbol, midnight + minuteMicros(f[0]) + Micros.PER_MINUTE, bid.price(), ask.price(),
                            bid.size(), ask.size());
                }, bad, meter);
                return ParsedFile.quotes(file, "1m quotes (closing bid/ask at bar end)", "path", read, ticks, bad);
            }
            if (quotes) {
                long read = rows.drain((line, f) -> {
                    RowCursor.requireFields(f, 8);
                    if (suspicious(f[7])) {
                        ticks.suspicious();
                        return;
                    }
                    ticks.quote(symbol, midnight + tickMicros(f[0]), deciCents("bid", f[1]), deciCents("ask", f[3]),
                            Fields.quantity("bid size", f[2]), Fields.quantity("ask size", f[4]));
                }, bad, meter);
                return ParsedFile.quotes(file, "quote ticks", "path", read, ticks, bad);
            }
            long read = rows.drain((line, f) -> {
                RowCursor.requireFields(f, 6);
                if (suspicious(f[5])) {
                    ticks.suspicious();
                    return;
                }
                ticks.trade(symbol, midnight + tickMicros(f[0]), deciCents("price", f[1]),
                        Fields.quantity("size", f[2]));
            }, bad, meter);
            return ParsedFile.trades(file, "trade ticks", "path", read, ticks, bad);
        }
    }

    private ZipEntry onlyEntry(ZipFile zip) throws IOException {
        List<? extends ZipEntry> entries = zip.stream().filter(e -> !e.isDirectory()).toList();
        if (entries.size() != 1) {
            throw new IOException("expected one CSV in the zip, found " + entries.size() + " entries");
        }
        return entries.get(0);
    }

    /** Minute bars are stamped on whole minutes of the day. */
    private static long minuteMicros(String text) throws BadRow {
        long ms = Fields.wholeNumber("time", text);
        if (ms % 60_000 != 0 || ms >= MILLIS_PER_DAY) {
            throw new BadRow("time " + text + " ms is not a whole minute of the day");
        }
        return ms * 1000;
    }

    /** Ticks may carry fractional milliseconds. */
    private static long tickMicros(String text) throws BadRow {
        long micros = Fields.millisAsMicros("time", text);
        if (micros >= MILLIS_PER_DAY * 1000) {
            throw new BadRow("time " + text + " ms is past the end of the day");
        }
        return micros;
    }

    private static double deciCents(String name, String text) throws BadRow {
        return Fields.wholeNumber(name, text) / DECI_CENTS;
    }

    /** The closing price and size of one side of a quote bar; all four prices empty with size 0 is an absent side. */
    private static Side side(String[] f, int from, String name) throws BadRow {
        double size = Fields.quantity(name + " size", f[from + 4]);
        if (f[from].isEmpty() && f[from + 1].isEmpty() && f[from + 2].isEmpty() && f[from + 3].isEmpty()) {
            if (size != 0) {
                throw new BadRow(name + " prices are empty but its size is " + Quantities.format(size));
            }
            return Side.ABSENT;
        }
        deciCents(name + " open", f[from]);  // parsed to catch a corrupt field even though only the close is kept
        deciCents(name + " high", f[from + 1]);
        deciCents(name + " low", f[from + 2]);
        return new Side(deciCents(name + " close", f[from + 3]), size);
    }

    private static boolean suspicious(String flag) throws BadRow {
        return switch (flag) {
            case "0" -> false;
            case "1" -> true;
            default -> throw new BadRow("suspicious flag '" + flag + "' is neither 0 nor 1");
        };
    }
}
