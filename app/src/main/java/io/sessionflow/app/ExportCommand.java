package io.sessionflow.app;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.store.jdbc.DataKind;
import io.sessionflow.store.jdbc.ExportFormat;
import io.sessionflow.store.jdbc.Inventory;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sessionflow export}: the stored rows of one kind to a Parquet or CSV file (see {@link Inventory#export}).
 * Threading: the command's thread only.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write stored bars, quotes or trades to a Parquet or CSV file: columns symbol, timestamp (UTC), "
                + "seq (ticks), then the stored values; ordered by symbol and time. `import` reads the bars back.")
final class ExportCommand implements Callable<Integer> {

    @Mixin
    StoreContext context;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write; it must not "
            + "exist unless --force.")
    Path out;

    @Option(names = "--format", paramLabel = "parquet|csv",
            description = "File format (default: from the file name's extension, else parquet).")
    String format;

    @Option(names = "--kind", defaultValue = "bars", paramLabel = "bars|quote_bars|quotes|trades",
            description = "What to export (default ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--interval", paramLabel = "Nm", description = "Bar interval, e.g. 1m or 5 (default 1m; bars "
            + "and quote bars only).")
    String interval;

    @Mixin
    StoreScope scope;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML settings file (the exchange's zone and "
            + "session hours place --from and --to).")
    Path config;

    @Mixin
    CalendarOptions calendarOptions;

    @Option(names = "--force", description = "Replace an existing --out file.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        ExportFormat fileFormat = fileFormat();
        DataKind dataKind = dataKind();
        Set<Symbol> symbols = scope.symbolSet();
        if (Files.isDirectory(out)) {
            throw new UsageException("--out " + out + " is a folder");
        }
        if (!force && Files.exists(out)) {
            throw new UsageException("--out " + out + " exists (--force replaces it)");
        }
        Path parent = out.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            throw new UsageException("--out " + out + ": the folder " + parent + " does not exist");
        }
        TimeRange range = range();
        long rows;
        try (MarketDataStore store = context.openExisting()) {
            Inventory inventory = StoreScope.inventory(store, "export");
            requireKnown(inventory, dataKind, symbols, store.description());
            try {
                rows = inventory.export(dataKind, symbols, range, out, fileFormat, force);
            } catch (FileAlreadyExistsException e) {
                throw new UsageException("--out " + out + " exists (--force replaces it)");
            }
        }
        PrintWriter w = context.out();
        w.printf(Locale.ROOT, "wrote %s of %s to %s (%s)%n", Plural.of(rows, "row"), dataKind.label(),
                out.toAbsolutePath().normalize(), fileFormat.name().toLowerCase(Locale.ROOT));
        w.flush();
        return Main.OK;
    }

    /** A symbol asked for that has none of the kind is a typo: bad input, as in replay and coverage. */
    private static void requireKnown(Inventory inventory, DataKind kind, Set<Symbol> symbols, String store) {
        if (symbols.isEmpty()) {
            return;
        }
        Set<Symbol> unknown = new TreeSet<>(symbols);
        inventory.extents().stream().filter(e -> e.kind().equals(kind)).forEach(e -> unknown.remove(e.symbol()));
        if (!unknown.isEmpty()) {
            throw new UsageException("no " + kind.label() + " in " + store + " for " + unknown.stream()
                    .map(Symbol::value).collect(Collectors.joining(", ")));
        }
    }

    private ExportFormat fileFormat() {
        String f = format != null ? format
                : out.getFileName() != null && out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")
                ? "csv" : "parquet";
        return switch (f.toLowerCase(Locale.ROOT)) {
            case "parquet" -> ExportFormat.PARQUET;
            case "csv" -> ExportFormat.CSV;
            default -> throw new UsageException("--format must be parquet or csv, not '" + f + "'");
        };
    }

    private DataKind dataKind() {
        if (!Inventory.kindNames().contains(kind)) {
            throw new UsageException("--kind must be one of " + String.join(", ", Inventory.kindNames()) + ", not '"
                    + kind + "'");
        }
        if (interval == null) {
            return Inventory.kind(kind, 1);
        }
        if (!kind.endsWith("bars")) {
            throw new UsageException("--interval applies to bars and quote_bars, not " + kind);
        }
        if (interval.equalsIgnoreCase("1d")) {
            return Inventory.kind(kind, io.sessionflow.domain.Interval.SESSION_MINUTES);
        }
        String digits = interval.endsWith("m") ? interval.substring(0, interval.length() - 1) : interval;
        int minutes;
        try {
            minutes = Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new UsageException("--interval must be minutes such as 1m or 5, not '" + interval + "'");
        }
        if (minutes < 1) {
            throw new UsageException("--interval must be at least 1 minute, not '" + interval + "'");
        }
        return Inventory.kind(kind, minutes);
    }

    /**
     * {@code --from}..{@code --to} as times: from the start of the first date (or the open of its session, when
     * earlier) to the end of the last (or the close of its session); unbounded where not given.
     */
    private TimeRange range() {
        if (scope.from == null && scope.to == null) {
            return new TimeRange(Instant.MIN, Instant.MAX);
        }
        SessionConfig cfg = calendarOptions.settings(config, Map.of());
        TradingCalendar calendar = calendarOptions.calendar(cfg);
        ZoneId zone = calendar.zone();
        Instant start = Instant.MIN;
        Instant end = Instant.MAX;
        if (scope.from != null) {
            start = scope.from.atStartOfDay(zone).toInstant();
            for (TradingSession s : sessions(calendar, scope.from)) {
                start = s.open().isBefore(start) ? s.open() : start;
            }
        }
        if (scope.to != null) {
            end = scope.to.plusDays(1).atStartOfDay(zone).toInstant();
            for (TradingSession s : sessions(calendar, scope.to)) {
                end = s.close().isAfter(end) ? s.close() : end;
            }
        }
        return new TimeRange(start, end);
    }

    private static List<TradingSession> sessions(TradingCalendar calendar, LocalDate date) {
        if (date.isBefore(calendar.firstDate()) || date.isAfter(calendar.lastDate())) {
            return List.of();
        }
        return calendar.session(date).map(List::of).orElse(List.of());
    }
}
