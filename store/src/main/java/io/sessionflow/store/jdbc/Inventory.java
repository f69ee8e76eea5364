package io.sessionflow.store.jdbc;

import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Read-only questions about a whole store, for store management: which kinds it holds for which symbols
 * ({@link #extents}), how many rows fall in each session ({@link #countBySession}), and the rows of a kind written
 * to a file ({@link #export}). Each answer is one grouped SQL query per table (per run of sessions, see
 * {@link SessionBuckets}), never a query per symbol or session.
 *
 * <p>Thread-safe: every query runs in a transaction of its own.
 */
public final class Inventory {

    /** A table the inventory reports, with the column that splits it by interval (or null). */
    private record Source(String name, Table table, String intervalColumn) {
    }

    /** The tables reported and exported; a new table is one line here. */
    private static final List<Source> SOURCES = List.of(
            new Source("bars", SchemaManager.BARS, "interval_minutes"),
            new Source("quote_bars", SchemaManager.QUOTE_BARS, "interval_minutes"),
            new Source("quotes", SchemaManager.QUOTES, null),
            new Source("trades", SchemaManager.TRADES, null));

    private final Transactions transactions;
    private final Backend backend;
    private final SymbolDictionary symbols;
    private final CoverageQuery coverage;

    Inventory(Transactions transactions, Backend backend, SymbolDictionary symbols, CoverageQuery coverage) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.symbols = Objects.requireNonNull(symbols, "symbols");
        this.coverage = Objects.requireNonNull(coverage, "coverage");
    }

    /**
     * The kind {@code name} ({@code bars}, {@code quotes}, {@code trades}) at {@code intervalMinutes} (bars only; the
     * interval's code, {@link io.sessionflow.domain.Interval#SESSION_MINUTES} for 1d).
     */
    public static DataKind kind(String name, int intervalMinutes) {
        for (Source s : SOURCES) {
            if (s.name().equals(name)) {
                if (s.intervalColumn() == null) {
                    return new DataKind(s.name(), s.table(), null, 0);
                }
                if (intervalMinutes < 0) {
                    throw new IllegalArgumentException(name + " need an interval of at least 1 minute (or 1d), not "
                            + intervalMinutes);
                }
                return new DataKind(s.name(), s.table(), s.intervalColumn(), intervalMinutes);
            }
        }
        throw new IllegalArgumentException("unknown kind '" + name + "'; known: " + kindNames());
    }

    /** The names {@link #kind} accepts. */
    public static List<String> kindNames() {
        return SOURCES.stream().map(Source::name).toList();
    }

    /**
     * Per symbol and kind the store holds, first and last time and rows: ordered by symbol, then the kinds in the
     * order of {@link #kindNames()}, bars by interval.
     */
    public List<Extent> extents() {
        List<Extent> out = new ArrayList<>();
        for (int k = 0; k < SOURCES.size(); k++) {
            Source s = SOURCES.get(k);
            DataKind base = new DataKind(s.name(), s.table(), null, 0);
            for (CoverageQuery.Row row : coverage.rows(s.table(), s.intervalColumn())) {
                DataKind kind = s.intervalColumn() == null ? base
                        : new DataKind(s.name(), s.table(), s.intervalColumn(), row.interval());
                out.add(new Extent(row.symbol(), kind, Micros.toInstant(row.first()), Micros.toInstant(row.last()),
                        row.rows()));
            }
        }
        List<String> order = kindNames();
        out.sort(Comparator.comparing(Extent::symbol).thenComparingInt(e -> order.indexOf(e.kind().name()))
                .thenComparingInt(e -> e.kind().intervalMinutes()));
        return out;
    }

    /**
     * The rows of {@code kind} in {@code range} per symbol, and per session of {@code sessions} those inside its
     * window. Symbols without rows in the range are absent.
     *
     * @param symbols  the symbols to count, or empty for all
     * @param sessions sessions in date order, windows not overlapping
     */
    public Map<Symbol, SessionCounts> countBySession(DataKind kind, Collection<Symbol> symbols,
                                                     List<TradingSession> sessions, TimeRange range) {
        Objects.requireNonNull(kind, "kind");
        TimeRange r = StorableTime.clip(Objects.requireNonNull(range, "range"));
        SymbolFilter filter = symbols.isEmpty() ? null : this.symbols.filter(symbols);
        Map<Integer, long[]> rows = new HashMap<>();
        Map<Integer, Map<LocalDate, Long>> bySession = new HashMap<>();
        if ((filter != null && filter.isEmpty()) || r.isEmpty()) {
            return Map.of();
        }
        List<SessionBuckets> runs = SessionBuckets.split(sessions);
        // Run i covers [open of its first session, open of the next run's first): every window lies in one run.
        List<TimeRange> spans = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Instant start = i == 0 ? r.start() : runs.get(i).sessions().get(0).open();
            Instant end = i + 1 < runs.size() ? runs.get(i + 1).sessions().get(0).open() : r.end();
            spans.add(clamp(start, end, r));
        }
        if (runs.isEmpty()) {
            runs = List.of(new SessionBuckets(0, List.of()));
            spans = List.of(r);
        }
        List<SessionBuckets> allRuns = runs;
        List<TimeRange> allSpans = spans;
        transactions.inTransaction("count " + kind.label() + " per session", c -> {  // one snapshot for all runs
            for (int i = 0; i < allRuns.size(); i++) {
                SessionBuckets run = allRuns.get(i);
                if (allSpans.get(i).isEmpty()) {
                    continue;
                }
                countRun(c, kind, filter, run, allSpans.get(i), (id, session, n) -> {
                    if (filter != null && (id >= filter.rankById().length || filter.rankById()[id] < 0)) {
                        return;  // a dense filter selects an id range: the ids between were not asked for
                    }
                    rows.computeIfAbsent(id, x -> new long[1])[0] += n;
                    if (session >= 0) {
                        bySession.computeIfAbsent(id, x -> new TreeMap<>())
                                .merge(run.sessions().get(session).date(), n, Long::sum);
                    }
                });
            }
            return null;
        });
        Map<Symbol, SessionCounts> out = new TreeMap<>();
        rows.forEach((id, n) -> {
            Symbol symbol = this.symbols.symbolOf(id);
            out.put(symbol, new SessionCounts(symbol, n[0], bySession.getOrDefault(id, Map.of())
                    .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue,
                            Long::sum, TreeMap::new))));
        });
        return out;
    }

    @FunctionalInterface
    private interface CountSink {
        /** {@code session} indexes the run's sessions, -1 for rows outside every session window. */
        void accept(int symbolId, int session, long rows);
    }

    private void countRun(Connection c, DataKind kind, SymbolFilter filter, SessionBuckets run, TimeRange span,
                          CountSink sink) throws SQLException {
        String time = kind.table().timeKey().name();
        String m = backend.epochMicros(time);
        StringBuilder sql = new StringBuilder("SELECT t.").append(Table.SYMBOL_ID).append(", ")
                .append(run.sessions().isEmpty() ? "-1" : "coalesce(s.i, -1)").append(", count(*) FROM (SELECT ")
                .append(Table.SYMBOL_ID).append(", ").append(m).append(" AS m FROM ").append(kind.table().name())
                // OFFSET 0 keeps PostgreSQL from inlining m into each of its three uses (3 evaluations a row).
                .append(" WHERE ").append(where(kind, filter)).append(" OFFSET 0) t");
        if (!run.sessions().isEmpty()) {
            // Literals, not parameters: numbers Java computed, and thousands of them.
            sql.append(" LEFT JOIN (VALUES ");
            for (int i = 0; i < run.sessions().size(); i++) {
                TradingSession s = run.sessions().get(i);
                long open = Micros.of(s.open());
                sql.append(i == 0 ? "" : ", ").append('(').append(run.bucket(open)).append(", ").append(open)
                        .append(", ").append(Micros.of(s.close())).append(", ").append(i).append(')');
            }
            sql.append(") AS s(k, o, c, i) ON s.k = ").append(run.bucketSql("t.m"))
                    .append(" AND t.m >= s.o AND t.m < s.c");
        }
        sql.append(" GROUP BY 1, 2");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(ps, filter, span);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(rs.getInt(1), rs.getInt(2), rs.getLong(3));
                }
            }
        }
    }

    /**
     * Writes the rows of {@code kind} in {@code range} for {@code symbols} (empty for all) to {@code out}, ordered
     * by symbol and time: columns {@code symbol}, {@code timestamp} (the time key, UTC), {@code seq} for ticks, then
     * the table's value columns. The rows go to a temporary file beside {@code out} that is renamed to it at the
     * end, so a failed export leaves no partial file and an existing one unchanged.
     *
     * @param replace whether an existing {@code out} is replaced; without it an existing file fails the export
     * @return the rows written
     * @throws java.nio.file.FileAlreadyExistsException when {@code out} exists and {@code replace} is false
     */
    public long export(DataKind kind, Collection<Symbol> symbols, TimeRange range, Path out, ExportFormat format,
                       boolean replace) throws IOException {
        return export(kind, symbols, range, out, format, replace, false);
    }

    /** {@link #export}; {@code stream} streams the rows through JDBC even where the backend copies files itself. */
    long export(DataKind kind, Collection<Symbol> symbols, TimeRange range, Path out, ExportFormat format,
                boolean replace, boolean stream) throws IOException {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(format, "format");
        TimeRange r = StorableTime.clip(Objects.requireNonNull(range, "range"));
        Path target = out.toAbsolutePath().normalize();
        if (!replace && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(out.toString());
        }
        SymbolFilter filter = symbols.isEmpty() ? null : this.symbols.filter(symbols);
        boolean none = (filter != null && filter.isEmpty()) || r.isEmpty();
        String where = none ? "1 = 0" : where(kind, filter);
        StatementBinder binder = none ? StatementBinder.NONE : ps -> bind(ps, filter, r);
        Path part = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".part");
        try {
            Long copied = stream ? null : transactions.inTransaction("export " + kind.label(), c -> {
                long n = backend.copyToFile(c, template -> select(kind, String.format(Locale.ROOT, template,
                        "t." + kind.table().timeKey().name()), where), binder, part, format, kind.table().sequenced());
                return n < 0 ? null : n;
            });
            long rows = copied != null ? copied : ExportWriter.write(transactions, kind, select(kind,
                    backend.epochMicros("t." + kind.table().timeKey().name()), where), binder, part, format);
            if (replace) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(part, target);
            }
            return rows;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /**
     * The export's query: {@code t} joined to the symbol names, the time key given by {@code time}. The filter's
     * columns need no alias: {@code symbols} has none of them.
     */
    private static String select(DataKind kind, String time, String where) {
        Table table = kind.table();
        StringBuilder sql = new StringBuilder("SELECT y.symbol AS symbol, ").append(time).append(" AS timestamp");
        if (table.sequenced()) {
            sql.append(", t.").append(Table.SEQUENCE);
        }
        for (Column v : table.values()) {
            sql.append(", t.").append(v.name());
        }
        sql.append(" FROM ").append(table.name()).append(" t JOIN symbols y ON y.id = t.").append(Table.SYMBOL_ID)
                .append(" WHERE ").append(where)
                .append(" ORDER BY y.symbol, t.").append(table.timeKey().name());
        if (table.sequenced()) {
            sql.append(", t.").append(Table.SEQUENCE);
        }
        return sql.toString();
    }

    /** The filter of a count or an export: the kind's interval, the time range, the symbols; bound by {@link #bind}. */
    private static String where(DataKind kind, SymbolFilter filter) {
        String time = kind.table().timeKey().name();
        String condition = kind.condition("");
        return (condition.isEmpty() ? "" : condition + " AND ") + time + " >= ? AND " + time + " < ?"
                + (filter == null ? "" : " AND " + filter.sql());
    }

    private static void bind(PreparedStatement ps, SymbolFilter filter, TimeRange range) throws SQLException {
        StorableTime.bindRange(ps, 1, range);
        if (filter != null) {
            filter.bind(ps, 3);
        }
    }

    private static TimeRange clamp(Instant start, Instant end, TimeRange r) {
        Instant s = start.isBefore(r.start()) ? r.start() : start.isAfter(r.end()) ? r.end() : start;
        Instant e = end.isAfter(r.end()) ? r.end() : end.isBefore(s) ? s : end;
        return new TimeRange(s, e);
    }
}
