package io.sessionflow.app;

import io.sessionflow.domain.AssetClass;
import io.sessionflow.domain.Symbol;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.store.imports.BarLabel;
import io.sessionflow.store.imports.FileReport;
import io.sessionflow.store.imports.ImportFormat;
import io.sessionflow.store.imports.ImportOptions;
import io.sessionflow.store.imports.ImportReport;
import io.sessionflow.store.imports.Importer;
import io.sessionflow.store.imports.PreparedImport;
import io.sessionflow.time.WallClock;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sessionflow import}: loads CSV, LEAN or Parquet files into the store. Every file is validated before the
 * store is opened; one line per file and a total go to stdout, progress, skipped rows and timing to stderr.
 * Runs on the calling thread.
 */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Load 1-minute bars (and, for LEAN, quotes and trade/quote ticks) into the store.",
            "All files are checked first: a bad row stops the import with file:line: reason and writes nothing,"
                    + " unless --skip-bad. Importing a file again changes nothing (its rows count as duplicates)."})
final class ImportCommand implements Callable<Integer> {

    /** Symbols listed by name in a file's line; beyond this the line gives their number. */
    private static final int LISTED_SYMBOLS = 5;

    @Mixin
    StoreContext context;

    @Option(names = "--format", required = true, paramLabel = "csv|lean|parquet|corporate-actions",
            description = "File format; corporate-actions: a CSV symbol,ex_date,kind,value of splits and dividends "
                    + "(LEAN's factor_files/ and map_files/ are read by --format lean).")
    String format;

    @Option(names = "--symbol", paramLabel = "S", description = "Symbol of every row (CSV, Parquet). Without it the "
            + "symbol comes from a symbol column, else from the file name (AAPL_Minute.csv is AAPL).")
    Symbol symbol;

    @Option(names = "--tz", paramLabel = "ZONE", description = "Zone of times without UTC offset, e.g. "
            + "America/New_York or UTC (CSV, Parquet).")
    String zone;

    @Option(names = "--bar-label", paramLabel = "start|end", description = "Whether times mark the start (default) "
            + "or the end of each 1-minute bar; end-stamped bars are stored by their start (CSV, Parquet).")
    String barLabel;

    @Option(names = "--delimiter", paramLabel = "C", description = "Field separator of a CSV: one character, or tab "
            + "(default: comma).")
    String delimiter;

    @Option(names = "--no-header", description = "The CSV has no header row; --columns names its columns.")
    boolean noHeader;

    @Option(names = "--columns", split = ",", paramLabel = "NAME", description = "Column names of a header-less CSV "
            + "in order, e.g. time,open,high,low,close,volume (also symbol, trade_count, vwap; - skips a column).")
    List<String> columns;

    @Option(names = "--time-format", paramLabel = "PATTERN", description = "java.time pattern of the time column, "
            + "e.g. 'yyyyMMdd HHmmss'. Default: ISO-8601 (T or space, with or without offset) or epoch seconds "
            + "(below 1e11) or milliseconds.")
    String timeFormat;

    @Option(names = "--skip-bad", description = "Import the good rows and report each bad one instead of failing.")
    boolean skipBad;

    @Option(names = "--continuous-futures", description = "LEAN futures: besides each contract (ESZ13), write the "
            + "root's continuous front-month series (ES), rolled on the second Thursday of the expiry month.")
    boolean continuousFutures;

    @Option(names = "--venue", paramLabel = "V", description = "Where the data comes from (letters and digits, e.g. "
            + "iex, coinbase): every symbol is stored qualified by it, SPY as SPY@IEX, so that sources never mix.")
    String venue;

    @Option(names = "--asset-class", paramLabel = "C", description = "equity (default), crypto, forex, future or "
            + "other, recorded for every imported symbol; a symbol stored with another one is refused.")
    String assetClass;

    @Parameters(arity = "1..*", paramLabel = "FILES", description = "Files to import; LEAN also takes folders, "
            + "walked for .../[equity|crypto|forex|future/<market>/]minute|tick/<symbol>/<YYYYMMDD>_trade|quote.zip.")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = context.out();
        PrintWriter err = context.err();
        Importer importer = new Importer(options(), (file, rows, rate) ->
                err.println("reading " + file + ": " + rows + " rows so far, " + rate + " rows/s"), WallClock.system());
        PreparedImport prepared = importer.prepare(files);
        ImportReport report;
        try (MarketDataStore store = context.openOrCreate()) {
            report = prepared.writeTo(store);
        }
        report.ignored().forEach(f -> err.println("ignored " + f + ": " + report.whyIgnored(f)));
        for (FileReport f : report.files()) {
            f.badRows().forEach(bad -> err.println("skipped " + bad));
            if (f.skipped() > f.badRows().size()) {
                err.println("skipped " + (f.skipped() - f.badRows().size()) + " more bad rows of " + f.file());
            }
            out.println(f.file() + ": " + f.content() + " of " + symbols(f.symbols()) + " (symbol from "
                    + f.symbolSource() + "): " + counts(f.read(), f.inserted(), f.updated(), f.duplicates(),
                    f.skipped(), f.suspicious()));
        }
        report.corporate().forEach(out::println);
        int n = report.files().size();
        out.println("total: " + n + " file" + (n == 1 ? "" : "s") + ", " + counts(report.read(), report.inserted(),
                report.updated(), report.duplicates(), report.skipped(), report.suspicious())
                + (report.changedNothing() ? "; nothing changed, every row was already stored" : ""));
        err.printf("done: %d rows in %.1f s (%d rows/s)%n", report.read(), report.elapsedNanos() / 1e9,
                report.rowsPerSecond());
        out.flush();
        err.flush();
        return Main.OK;
    }

    private ImportOptions options() {
        ImportOptions.Builder b = ImportOptions.builder(ImportFormat.parse(format))
                .symbol(symbol).noHeader(noHeader).columns(columns).timeFormat(timeFormat).skipBad(skipBad)
                .continuousFutures(continuousFutures)
                .venue(venue);
        if (assetClass != null) {
            try {
                b.assetClass(AssetClass.of(assetClass));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--" + e.getMessage());
            }
        }
        if (zone != null) {
            try {
                b.zone(ZoneId.of(zone.trim()));
            } catch (DateTimeException e) {
                throw new UsageException("--tz '" + zone + "' is not a time zone (e.g. America/New_York, UTC, "
                        + "+02:00)");
            }
        }
        if (barLabel != null) {
            b.barLabel(BarLabel.parse(barLabel));
        }
        if (delimiter != null) {
            b.delimiter(delimiter(delimiter));
        }
        return b.build();
    }

    private static char delimiter(String text) {
        if (text.equalsIgnoreCase("tab") || text.equals("\\t") || text.equals("\t")) {
            return '\t';
        }
        if (text.length() != 1) {
            throw new UsageException("--delimiter must be one character or tab, not '" + text + "'");
        }
        return text.charAt(0);
    }

    private static String symbols(List<Symbol> symbols) {
        if (symbols.isEmpty()) {
            return "no symbol";
        }
        return symbols.size() > LISTED_SYMBOLS ? symbols.size() + " symbols"
                : symbols.stream().map(Symbol::value).collect(Collectors.joining(", "));
    }

    private static String counts(long read, long inserted, long updated, long duplicates, long skipped,
                                 long suspicious) {
        return "read " + read + ", inserted " + inserted + ", updated " + updated + ", duplicates " + duplicates
                + ", skipped " + skipped + (suspicious > 0 ? ", suspicious " + suspicious + " (left out)" : "");
    }
}
