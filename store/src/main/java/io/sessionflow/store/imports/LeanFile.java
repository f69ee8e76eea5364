package io.sessionflow.store.imports;

import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One QuantConnect LEAN equity zip, recognised by its path {@code [<type>/<market>/]minute|tick/<sym>/<YYYYMMDD>_
 * trade|quote.zip}, which gives the symbol and the date; the zip holds one header-less CSV. Times are milliseconds
 * after midnight New York time on that date (midnight plus the milliseconds, as LEAN decodes them); prices are in
 * deci-cents (÷ 10 000).
 * <ul>
 *   <li>minute trade: {@code ms,open,high,low,close,volume}, stamped with the bar start: 1-minute bars;</li>
 *   <li>minute quote: {@code ms,bid open,high,low,close,bid size,ask open,high,low,close,ask size}: 1-minute quote
 *       bars, stamped with the bar start, every column kept (the quote bar store, not the quote store: quote ticks of
 *       the same day do not collide with them); a side whose prices are empty (and size 0) is absent: NaN prices,
 *       size 0;</li>
 *   <li>tick trade: {@code ms,price,size,exchange,sale condition,suspicious}: trades; rows flagged suspicious are
 *       left out and counted; exchange and condition are not kept;</li>
 *   <li>tick quote: {@code ms,bid,bid size,ask,ask size,exchange,condition,suspicious}: quotes, one-sided rows keep
 *       the absent side as 0/0; suspicious rows are left out and counted.</li>
 * </ul>
 *
 * <p>The security type is the folder two above the resolution ({@code equity/usa/minute/...}). Only {@code equity}
 * (or a path without one) is read today; the other LEAN types ({@link #NOT_YET_READ}: forex, crypto, futures, ...)
 * are recognised and left out, so that a walk over a LEAN data folder reports them instead of misreading their prices
 * (forex and crypto zips hold plain prices, not deci-cents). Reading one is a new {@link Security} constant with its
 * price scale and zone.
 *
 * <p>Immutable; {@link #read} is called by the importing thread.
 */
final class LeanFile {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Pattern NAME = Pattern.compile("(\\d{8})_(trade|quote)\\.zip");
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private enum Resolution { MINUTE, TICK }

    /** The LEAN security types this reader reads, with how their prices are written. */
    private enum Security {
        EQUITY(10_000.0);

        final double priceDivisor;

        Security(double priceDivisor) {
            this.priceDivisor = priceDivisor;
        }
    }

    /** LEAN security type folders recognised but not read yet. */
    static final java.util.Set<String> NOT_YET_READ = java.util.Set.of("forex", "crypto", "cryptofuture", "future",
            "futureoption", "option", "index", "indexoption", "cfd");

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

    /**
     * The LEAN file at {@code path}, or empty when the path does not have the shape of a minute or tick zip of a
     * security type this reader reads.
     */
    static Optional<LeanFile> of(Path path) {
        Matcher m = NAME.matcher(path.getFileName().toString());
        Path folder = path.getParent();
        Path resolutionFolder = folder == null ? null : folder.getParent();
        if (!m.matches() || resolutionFolder == null || resolutionFolder.getFileName() == null) {
            return Optional.empty();
        }
        Path market = resolutionFolder.getParent();
        Path type = market == null ? null : market.getParent();
        if (type != null && type.getFileName() != null
                && NOT_YET_READ.contains(type.getFileName().toString().toLowerCase(Locale.ROOT))) {
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

    /** LEAN folders of per-symbol CSV files beside the data (splits and dividends, ticker renames). */
    static final java.util.Set<String> SIDE_FOLDERS = java.util.Set.of("factor_files", "map_files");

    /** Why {@link #of} does not read {@code path}, for the report of a folder walk. */
    static String whyNot(Path path) {
        for (Path p = path.getParent(); p != null && p.getFileName() != null; p = p.getParent()) {
            String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
            if (NOT_YET_READ.contains(name)) {
                return "LEAN " + name + " data is not read yet";
            }
            if (name.equals("daily") || name.equals("hour") || name.equals("second")) {
                return "LEAN " + name + " data is not read (minute and tick zips are)";
            }
        }
        return "not a LEAN minute or tick zip";
    }

    /** What {@link #of} expects, for messages. */
    static String expectedShape() {
        return ".../minute|tick/<symbol>/<YYYYMMDD>_trade|quote.zip";
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
                            Fields.wholeNumber("volume", f[5]), Bar.NO_TRADE_COUNT, Double.NaN);
                }, bad, meter);
                return ParsedFile.bars(file, "path", read, bars, bad);
            }
            if (resolution == Resolution.MINUTE) {
                QuoteBarCollector bars = new QuoteBarCollector();
                double[] v = new double[10];
                long read = rows.drain((line, f) -> {
                    RowCursor.requireFields(f, 11);
                    side(f, 1, "bid", v, 0);
                    side(f, 6, "ask", v, 5);
                    bars.add(line, symbol, midnight + minuteMicros(f[0]), v);
                }, bad, meter);
                return ParsedFile.quoteBars(file, "path", read, bars, bad);
            }
            TickCollector ticks = new TickCollector();
            if (quotes) {
                long read = rows.drain((line, f) -> {
                    RowCursor.requireFields(f, 8);
                    if (suspicious(f[7])) {
                        ticks.suspicious();
                        return;
                    }
                    ticks.quote(symbol, midnight + tickMicros(f[0]), deciCents("bid", f[1]), deciCents("ask", f[3]),
                            Fields.wholeNumber("bid size", f[2]), Fields.wholeNumber("ask size", f[4]));
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
                        Fields.wholeNumber("size", f[2]));
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
        return Fields.wholeNumber(name, text) / Security.EQUITY.priceDivisor;
    }

    /**
     * One side of a quote bar into {@code out[at..at+4]}: open, high, low, close, size. All four prices empty with
     * size 0 is an absent side: NaN prices, size 0. The size is a whole number (LEAN equity sizes are shares).
     */
    private static void side(String[] f, int from, String name, double[] out, int at) throws BadRow {
        long size = Fields.wholeNumber(name + " size", f[from + 4]);
        if (f[from].isEmpty() && f[from + 1].isEmpty() && f[from + 2].isEmpty() && f[from + 3].isEmpty()) {
            if (size != 0) {
                throw new BadRow(name + " prices are empty but its size is " + size);
            }
            Arrays.fill(out, at, at + 4, Double.NaN);
        } else {
            out[at] = deciCents(name + " open", f[from]);
            out[at + 1] = deciCents(name + " high", f[from + 1]);
            out[at + 2] = deciCents(name + " low", f[from + 2]);
            out[at + 3] = deciCents(name + " close", f[from + 3]);
        }
        out[at + 4] = size;
    }

    private static boolean suspicious(String flag) throws BadRow {
        return switch (flag) {
            case "0" -> false;
            case "1" -> true;
            default -> throw new BadRow("suspicious flag '" + flag + "' is neither 0 nor 1");
        };
    }
}
