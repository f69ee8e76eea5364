package io.sessionflow.store.imports;

import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Quantities;
import io.sessionflow.domain.Quantities;
import io.sessionflow.domain.Symbol;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One QuantConnect LEAN zip (see {@link LeanPath} for the paths, clocks and price units of each asset class); the
 * zip holds one header-less CSV, or one per contract for futures ({@link FutureContracts}). Row times are
 * milliseconds after midnight of the file's date in the asset class's data zone.
 * <ul>
 *   <li>minute trade: {@code ms,open,high,low,close,volume}, stamped with the bar start: 1-minute bars;</li>
 *   <li>minute quote: {@code ms,bid open,high,low,close,bid size,ask open,high,low,close,ask size}: 1-minute quote
 *       bars, kept whole; a side whose prices are empty (and size 0) is absent: NaN prices, size 0;</li>
 *   <li>tick trade: {@code ms,price,size,exchange,sale condition,suspicious}: trades; rows flagged suspicious are
 *       left out and counted; exchange and condition are not kept;</li>
 *   <li>tick quote: {@code ms,bid,bid size,ask,ask size,exchange,condition,suspicious}: quotes, one-sided rows keep
 *       the absent side as 0/0; suspicious rows are left out and counted.</li>
 * </ul>
 *
 * <p>Immutable; {@link #read} is called by the importing thread.
 */
final class LeanFile implements LeanZip {

    private static final long MILLIS_PER_DAY = 86_400_000L;

    /** One CSV of the zip and the symbol its rows belong to. */
    private record Entry(ZipEntry zipEntry, Symbol symbol, YearMonth expiry) {
    }

    private final LeanPath where;
    private final ImportOptions options;
    /** The symbol as stored: the folder's ticker, qualified by {@code --venue} when given (also a futures root). */
    private final Symbol symbol;
    private final boolean continuous;

    private LeanFile(LeanPath where, ImportOptions options) {
        this.where = where;
        this.options = options;
        this.symbol = options.qualify(Symbol.of(where.ticker()));
        this.continuous = options.continuousFutures() && where.assetClass() == LeanPath.AssetClass.FUTURE;
    }

    /**
     * The LEAN file at {@code path}, or empty when the path does not have the shape of a minute or tick zip.
     *
     * @param options the venue symbols are qualified by, and whether a futures zip also makes its root's continuous
     *                front-month series
     */
    static Optional<LeanFile> of(Path path, ImportOptions options) {
        return LeanPath.of(path).map(p -> new LeanFile(p, options));
    }

    /** What {@link #of} expects, for messages. */
    static String expectedShape() {
        return LeanPath.expectedShape();
    }

    /** LEAN folders beside the data whose CSVs are corporate-action files ({@link CorporateFiles}), not zips. */
    static final Set<String> SIDE_FOLDERS = Set.of("factor_files", "map_files");

    /** Why {@link #of} does not read {@code path}, for the report of a folder walk. */
    static String whyNot(Path path) {
        for (Path p = path.getParent(); p != null && p.getFileName() != null; p = p.getParent()) {
            String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.equals("second")) {
                return "LEAN " + name + " data is not read (minute, tick, hour and daily zips are)";
            }
            if (name.equals("daily") || name.equals("hour")) {
                return "LEAN " + name + " data is read for US equities only, as <symbol>.zip";
            }
            if (name.equals("option") || name.equals("futureoption") || name.equals("indexoption")
                    || name.equals("index") || name.equals("cfd") || name.equals("cryptofuture")) {
                return "LEAN " + name + " data is not read yet";
            }
        }
        return "not a LEAN minute or tick zip";
    }

    @Override
    public Path path() {
        return where.path();
    }

    /** Reads and validates every row of the zip's CSVs. */
    @Override
    public ParsedFile read(ProgressMeter meter) throws IOException {
        String file = path().toString();
        BadRows bad = new BadRows(file);
        long midnight = Micros.of(where.date().atStartOfDay(where.assetClass().dataZone).toInstant());
        try (ZipFile zip = new ZipFile(path().toFile())) {
            List<Entry> entries = entries(zip);
            if (where.minute() && !where.quotes()) {
                BarCollector bars = new BarCollector();
                long read = 0;
                for (Entry e : entries) {
                    try (RowCursor rows = open(zip, e)) {
                        read += rows.drain((line, f) -> {
                            RowCursor.requireFields(f, 6);
                            long start = midnight + minuteMicros(f[0]);
                            double open = price("open", f[1]);
                            double high = price("high", f[2]);
                            double low = price("low", f[3]);
                            double close = price("close", f[4]);
                            double volume = Fields.quantity("volume", f[5]);
                            bars.add(line, e.symbol(), start, open, high, low, close, volume, Bar.NO_TRADE_COUNT,
                                    Double.NaN);
                            if (continuous && e.expiry().equals(frontMonth(entries, start))) {
                                bars.add(line, symbol, start, open, high, low, close, volume, Bar.NO_TRADE_COUNT,
                                        Double.NaN);
                            }
                        }, bad, meter);
                    }
                }
                return recorded(ParsedFile.bars(file, "path", read, bars, bad));
            }
            if (where.minute()) {
                QuoteBarCollector quoteBars = new QuoteBarCollector();
                double[] v = new double[10];
                long read = 0;
                for (Entry e : entries) {
                    try (RowCursor rows = open(zip, e)) {
                        read += rows.drain((line, f) -> {
                            RowCursor.requireFields(f, 11);
                            side(f, 1, "bid", v, 0);
                            side(f, 6, "ask", v, 5);
                            quoteBars.add(line, e.symbol(), midnight + minuteMicros(f[0]), v);
                        }, bad, meter);
                    }
                }
                return recorded(ParsedFile.quoteBars(file, "path", read, quoteBars, bad));
            }
            TickCollector ticks = new TickCollector();
            long read = 0;
            for (Entry e : entries) {
                try (RowCursor rows = open(zip, e)) {
                    read += readTicks(rows, e.symbol(), midnight, ticks, bad, meter);
                }
            }
            if (!where.quotes()) {
                return recorded(ParsedFile.trades(file, "trade ticks", "path", read, ticks, bad));
            }
            return recorded(ParsedFile.quotes(file, "quote ticks", "path", read, ticks, bad));
        }
    }

    /** A path with an asset-class folder says what its symbols are: {@code crypto/coinbase} records crypto, coinbase. */
    private ParsedFile recorded(ParsedFile parsed) {
        return where.market().isEmpty() ? parsed : parsed.from(where.assetClass().domain, where.market());
    }

    private long readTicks(RowCursor rows, Symbol symbol, long midnight, TickCollector ticks, BadRows bad,
                           ProgressMeter meter) throws IOException {
        if (where.quotes()) {
            return rows.drain((line, f) -> {
                RowCursor.requireFields(f, 8);
                if (suspicious(f[7])) {
                    ticks.suspicious();
                    return;
                }
                ticks.quote(symbol, midnight + tickMicros(f[0]), price("bid", f[1]), price("ask", f[3]),
                        Fields.quantity("bid size", f[2]), Fields.quantity("ask size", f[4]));
            }, bad, meter);
        }
        return rows.drain((line, f) -> {
            RowCursor.requireFields(f, 6);
            if (suspicious(f[5])) {
                ticks.suspicious();
                return;
            }
            ticks.trade(symbol, midnight + tickMicros(f[0]), price("price", f[1]), Fields.quantity("size", f[2]));
        }, bad, meter);
    }

    /** The expiry month of the front contract at {@code micros} among the contracts of this zip. */
    private static YearMonth frontMonth(List<Entry> entries, long micros) {
        Instant t = Micros.toInstant(micros);
        YearMonth front = null;
        for (Entry e : entries) {
            if (FutureContracts.rollInstant(e.expiry()).isAfter(t) && (front == null || e.expiry().isBefore(front))) {
                front = e.expiry();
            }
        }
        return front;
    }

    private static RowCursor open(ZipFile zip, Entry e) throws IOException {
        return CsvCursor.open(new InputStreamReader(zip.getInputStream(e.zipEntry()), StandardCharsets.UTF_8), ',');
    }

    /** The zip's CSVs: exactly one, or for futures one per contract, each named by its expiry month. */
    private List<Entry> entries(ZipFile zip) throws IOException {
        List<? extends ZipEntry> files = zip.stream().filter(e -> !e.isDirectory()).toList();
        if (where.assetClass() != LeanPath.AssetClass.FUTURE) {
            if (files.size() != 1) {
                throw new IOException("expected one CSV in the zip, found " + files.size() + " entries");
            }
            return List.of(new Entry(files.get(0), symbol, null));
        }
        List<Entry> out = new ArrayList<>();
        for (ZipEntry e : files) {
            YearMonth expiry = FutureContracts.expiry(e.getName()).orElseThrow(() -> new IOException("futures entry "
                    + e.getName() + " is not named ..._<YYYYMM>.csv by its expiry month"));
            out.add(new Entry(e, options.qualify(FutureContracts.contract(where.ticker(), expiry)), expiry));
        }
        if (out.isEmpty()) {
            throw new IOException("the futures zip holds no contract CSV");
        }
        return out;
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

    /** A price in the asset class's unit: deci-cents for US equities, a plain decimal otherwise. */
    private double price(String name, String text) throws BadRow {
        return where.assetClass() == LeanPath.AssetClass.EQUITY
                ? Fields.wholeNumber(name, text) / where.assetClass().priceDivisor
                : Fields.decimal(name, text);
    }

    /**
     * One side of a quote bar into {@code out[at..at+4]}: open, high, low, close, size. All four prices empty with
     * size 0 is an absent side: NaN prices, size 0.
     */
    private void side(String[] f, int from, String name, double[] out, int at) throws BadRow {
        double size = Fields.quantity(name + " size", f[from + 4]);
        if (f[from].isEmpty() && f[from + 1].isEmpty() && f[from + 2].isEmpty() && f[from + 3].isEmpty()) {
            if (size != 0) {
                throw new BadRow(name + " prices are empty but its size is " + Quantities.format(size));
            }
            Arrays.fill(out, at, at + 4, Double.NaN);
        } else {
            out[at] = price(name + " open", f[from]);
            out[at + 1] = price(name + " high", f[from + 1]);
            out[at + 2] = price(name + " low", f[from + 2]);
            out[at + 3] = price(name + " close", f[from + 3]);
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
