package io.sessionflow.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.store.jdbc.DataKind;
import io.sessionflow.store.jdbc.Extent;
import io.sessionflow.store.jdbc.Inventory;
import io.sessionflow.store.jdbc.SessionCounts;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sessionflow coverage}: per symbol and kind the store holds, the first and last session with rows, the rows,
 * the sessions with rows and, for 1m bars, the sessions with fewer bars than the calendar's minutes. One grouped query
 * per kind (see {@link Inventory#countBySession}). Threading: the command's thread only.
 */
@Command(name = "coverage", mixinStandardHelpOptions = true, sortOptions = false,
        description = "What the store holds per symbol and kind (1m and other bars, quotes, trades): first and last "
                + "session, rows, sessions with rows and, for 1m bars, sessions with gaps (fewer bars than the "
                + "session's minutes on the calendar and session hours of the configuration).")
final class CoverageCommand implements Callable<Integer> {

    @Mixin
    StoreContext context;

    @Mixin
    StoreScope scope;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML settings file (exchange and session hours "
            + "are used here).")
    Path config;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|csv|json",
            description = "Report on stdout: a table (default), CSV or JSON.")
    String format;

    /** One line of the report. */
    record Line(Symbol symbol, DataKind kind, LocalDate first, LocalDate last, long rows, long outside, int sessions,
                Integer gaps) {
    }

    @Override
    public Integer call() throws Exception {
        if (!List.of("table", "csv", "json").contains(format)) {
            throw new UsageException("--format must be table, csv or json, not '" + format + "'");
        }
        Set<Symbol> symbols = scope.symbolSet();
        SessionConfig cfg = ConfigLoader.load(config, Map.of());
        TradingCalendar calendar = Calendars.byName(cfg.exchange()).withSessionHours(cfg.sessionStart(),
                cfg.sessionEnd());
        List<Line> lines = new ArrayList<>();
        try (MarketDataStore store = context.openExisting()) {
            Inventory inventory = StoreScope.inventory(store, "coverage");
            List<Extent> extents = inventory.extents().stream()
                    .filter(e -> symbols.isEmpty() || symbols.contains(e.symbol())).toList();
            requireKnown(symbols, extents, store.description());
            Map<String, List<Extent>> byKind = extents.stream().collect(Collectors.groupingBy(e -> e.kind().label(),
                    LinkedHashMap::new, Collectors.toList()));
            for (List<Extent> kindExtents : byKind.values()) {
                lines.addAll(kindLines(inventory, calendar, symbols, kindExtents));
            }
        }
        List<String> kinds = Inventory.kindNames();
        lines.sort(Comparator.comparing(Line::symbol).thenComparingInt(l -> kinds.indexOf(l.kind().name()))
                .thenComparingInt(l -> l.kind().intervalMinutes()));
        PrintWriter out = context.out();
        out.print(switch (format) {
            case "json" -> json(lines);
            case "csv" -> csv(lines);
            default -> table(lines);
        });
        out.flush();
        return Main.OK;
    }

    private List<Line> kindLines(Inventory inventory, TradingCalendar calendar, Set<Symbol> symbols,
                                 List<Extent> extents) {
        DataKind kind = extents.get(0).kind();
        ZoneId zone = calendar.zone();
        Instant first = extents.stream().map(Extent::first).min(Instant::compareTo).orElseThrow();
        Instant last = extents.stream().map(Extent::last).max(Instant::compareTo).orElseThrow();
        // A session may open the evening before its date: one day either side finds every session with rows.
        LocalDate from = clamp(scope.from != null ? scope.from : first.atZone(zone).toLocalDate().minusDays(1),
                calendar);
        LocalDate to = clamp(scope.to != null ? scope.to : last.atZone(zone).toLocalDate().plusDays(1), calendar);
        List<TradingSession> sessions = from.isAfter(to) ? List.of() : calendar.sessions(from, to.plusDays(1));
        Instant start = scope.from == null ? first : earliest(scope.from.atStartOfDay(zone).toInstant(), sessions);
        Instant end = scope.to == null ? last.plusNanos(1_000)
                : latest(scope.to.plusDays(1).atStartOfDay(zone).toInstant(), sessions);
        Map<Symbol, SessionCounts> counts = start.isBefore(end)
                ? inventory.countBySession(kind, symbols, sessions, new TimeRange(start, end)) : Map.of();
        List<Line> out = new ArrayList<>();
        for (SessionCounts c : counts.values()) {
            long inSessions = c.bySession().values().stream().mapToLong(Long::longValue).sum();
            LocalDate f = c.bySession().isEmpty() ? null : c.bySession().firstKey();
            LocalDate l = c.bySession().isEmpty() ? null : c.bySession().lastKey();
            Integer gaps = null;
            if (kind.minuteBars()) {
                int n = 0;
                for (TradingSession s : sessions) {
                    if (f != null && !s.date().isBefore(f) && !s.date().isAfter(l)
                            && c.bySession().getOrDefault(s.date(), 0L) < s.minutes()) {
                        n++;
                    }
                }
                gaps = n;
            }
            out.add(new Line(c.symbol(), kind, f, l, c.rows(), c.rows() - inSessions, c.bySession().size(), gaps));
        }
        return out;
    }

    private static LocalDate clamp(LocalDate d, TradingCalendar calendar) {
        return d.isBefore(calendar.firstDate()) ? calendar.firstDate()
                : d.isAfter(calendar.lastDate()) ? calendar.lastDate() : d;
    }

    private static Instant earliest(Instant t, List<TradingSession> sessions) {
        return sessions.isEmpty() || !sessions.get(0).open().isBefore(t) ? t : sessions.get(0).open();
    }

    private static Instant latest(Instant t, List<TradingSession> sessions) {
        return sessions.isEmpty() || !sessions.get(sessions.size() - 1).close().isAfter(t) ? t
                : sessions.get(sessions.size() - 1).close();
    }

    /** A symbol asked for that the store has nothing of is a typo: bad input, as in replay. */
    private static void requireKnown(Set<Symbol> symbols, List<Extent> extents, String store) {
        Set<Symbol> unknown = new TreeSet<>(symbols);
        extents.forEach(e -> unknown.remove(e.symbol()));
        if (!unknown.isEmpty()) {
            throw new UsageException("no data in " + store + " for " + unknown.stream().map(Symbol::value)
                    .collect(Collectors.joining(", ")));
        }
    }

    private static String table(List<Line> lines) {
        if (lines.isEmpty()) {
            return "no data in the range\n";
        }
        TextTable t = new TextTable("symbol", "kind", "first", "last", "rows", "outside", "sessions", "gaps");
        for (Line l : lines) {
            t.row(l.symbol(), l.kind().label(), l.first() == null ? "-" : l.first(),
                    l.last() == null ? "-" : l.last(), String.format("%,d", l.rows()),
                    String.format("%,d", l.outside()), String.format("%,d", l.sessions()), l.gaps() == null ? "-" : String.format("%,d", l.gaps()));
        }
        return t.render() + String.format("total: %s, %s, %,d rows (%,d outside sessions), %,d sessions with gaps "
                        + "in 1m bars%n", Plural.of(lines.stream().map(Line::symbol).distinct().count(), "symbol"),
                Plural.of(lines.stream().map(l -> l.kind().label()).distinct().count(), "kind"),
                lines.stream().mapToLong(Line::rows).sum(), lines.stream().mapToLong(Line::outside).sum(),
                lines.stream().filter(l -> l.gaps() != null).mapToLong(Line::gaps).sum());
    }

    private static Map<String, Object> map(Line l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("symbol", l.symbol().value());
        m.put("kind", l.kind().label());
        m.put("first", l.first() == null ? null : l.first().toString());
        m.put("last", l.last() == null ? null : l.last().toString());
        m.put("rows", l.rows());
        m.put("outside", l.outside());
        m.put("sessions", l.sessions());
        m.put("gaps", l.gaps());
        return m;
    }

    private static String csv(List<Line> lines) throws java.io.IOException {
        CsvMapper mapper = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
        CsvSchema schema = CsvSchema.builder().addColumns(List.of("symbol", "kind", "first", "last", "rows",
                "outside", "sessions", "gaps"), CsvSchema.ColumnType.STRING).setUseHeader(true).build();
        return mapper.writer(schema).writeValueAsString(lines.stream().map(CoverageCommand::map).toList());
    }

    private static String json(List<Line> lines) throws java.io.IOException {
        Map<String, Object> total = new LinkedHashMap<>();
        total.put("symbols", lines.stream().map(Line::symbol).distinct().count());
        total.put("rows", lines.stream().mapToLong(Line::rows).sum());
        total.put("outside", lines.stream().mapToLong(Line::outside).sum());
        total.put("gaps", lines.stream().filter(l -> l.gaps() != null).mapToLong(Line::gaps).sum());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("coverage", lines.stream().map(CoverageCommand::map).toList());
        doc.put("total", total);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n";
    }
}
