package io.sessionflow.dashboard.store;

import io.sessionflow.calendar.SessionSegment;
import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.dashboard.BadRequest;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.session.SessionMinutes;
import io.sessionflow.session.SymbolSessionData;
import io.sessionflow.store.jdbc.DataKind;
import io.sessionflow.store.jdbc.Extent;
import io.sessionflow.store.jdbc.Inventory;
import io.sessionflow.store.jdbc.SessionCounts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Builds a {@link Heatmap} from the store's grouped counts ({@link Inventory#countBySession}), counted once for every
 * symbol and session the store holds and kept while the store's 1m extents stay the same, so that every filter (symbols,
 * dates, search) is answered from memory. The counts are one query for the session windows and, only when the
 * configured {@code quality-segments} leave parts of a window out (pre- or post-market kept but not counted, halts),
 * one more per counted part, so that {@code present} counts the bars of expected minutes as the coordinator does. The
 * expected minutes are {@link SessionMinutes#expected()} of the configuration's quality segments, the figure {@code
 * sessionflow gaps} prints.
 *
 * <p>Thread-safe: each call reads the counts of the store's current extents; one thread at a time computes them.
 */
final class HeatmapMaker {

    /** Calendar sessions one request may span (about 40 years of weekdays). */
    static final int MAX_CALENDAR_SESSIONS = 10_000;
    /** Columns with data one answer may hold. */
    static final int MAX_COLUMNS = 2_500;
    /** Cells one answer may hold: 500 x 250 is 125,000; this is eight times that. */
    static final int MAX_CELLS = 1_000_000;

    private final Inventory inventory;
    private final TradingCalendar calendar;
    private final SessionConfig config;
    private final DataKind minuteBars = Inventory.kind("bars", 1);
    private final Object computing = new Object();
    /** The counts of the extents last seen; replaced whole, never changed. */
    private volatile StoreCounts counts;

    HeatmapMaker(Inventory inventory, TradingCalendar calendar, SessionConfig config) {
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The symbols with 1m bars in the store, and their extents. */
    List<Extent> minuteExtents() {
        return inventory.extents().stream().filter(e -> e.kind().equals(minuteBars)).toList();
    }

    /**
     * Every symbol's 1m bars per session of the store's whole span: in the window, and in its expected minutes.
     *
     * @param extents the store's 1m extents these counts were taken on
     */
    private record StoreCounts(List<Extent> extents, Map<Symbol, SessionCounts> inWindow,
                               Map<Symbol, Map<LocalDate, Long>> inExpected) {
    }

    /**
     * The counts of the store as its 1m extents (symbols, first and last bar, rows) are now: the ones taken before
     * when those are unchanged, else new ones. The extents are one cheap grouped query; the counts per session are
     * the costly one, and a served store rarely changes (DuckDB lets one process hold the file).
     */
    private StoreCounts counts(List<Extent> extents) {
        StoreCounts c = counts;
        if (c != null && c.extents().equals(extents)) {
            return c;
        }
        // One computation at a time: a request that comes while the warm-up counts waits and takes its result.
        synchronized (computing) {
            c = counts;
            if (c != null && c.extents().equals(extents)) {
                return c;
            }
            c = count(extents);
            counts = c;
            return c;
        }
    }

    private StoreCounts count(List<Extent> extents) {
        if (extents.isEmpty()) {
            return new StoreCounts(extents, Map.of(), Map.of());
        }
        List<TradingSession> sessions = sessionsOf(extents);
        if (sessions.isEmpty()) {
            return new StoreCounts(extents, Map.of(), Map.of());
        }
        TimeRange range = new TimeRange(sessions.get(0).open(), sessions.get(sessions.size() - 1).close());
        // No symbol filter: every symbol is counted, and a filter of hundreds of ids costs the query more than the
        // rows it would leave out.
        Map<Symbol, SessionCounts> inWindow = inventory.countBySession(minuteBars, Set.of(), sessions, range);
        return new StoreCounts(extents, inWindow, expectedCounts(sessions, Set.of(), range, inWindow));
    }

    /** The calendar's sessions from a day before the first bar of {@code extents} to a day after the last. */
    private List<TradingSession> sessionsOf(List<Extent> extents) {
        ZoneId zone = calendar.zone();
        // A session may open the evening before its date: a day either side of the data finds every session.
        LocalDate from = clamp(extents.stream().map(Extent::first).min(Instant::compareTo).orElseThrow()
                .atZone(zone).toLocalDate().minusDays(1));
        LocalDate to = clamp(extents.stream().map(Extent::last).max(Instant::compareTo).orElseThrow()
                .atZone(zone).toLocalDate().plusDays(1));
        return from.isAfter(to) ? List.of() : calendar.sessions(from, to.plusDays(1));
    }

    /** The heatmap of {@code q}, from the counts of the store as it is now. */
    Heatmap make(HeatmapQuery q) {
        List<Extent> extents = minuteExtents();
        Set<Symbol> stored = extents.stream().map(Extent::symbol).collect(Collectors.toCollection(TreeSet::new));
        for (Symbol s : q.symbols()) {
            if (!stored.contains(s)) {
                throw BadRequest.of("symbols", s.value(), "the store has no 1m bars of this symbol");
            }
        }
        TreeSet<Symbol> selected = new TreeSet<>(q.symbols().isEmpty() ? stored : q.symbols());
        selected.removeIf(s -> !s.value().contains(q.search()));
        List<Extent> chosen = extents.stream().filter(e -> selected.contains(e.symbol())).toList();
        ZoneId zone = calendar.zone();
        if (chosen.isEmpty()) {
            return new Heatmap(calendar.name(), zone.getId(), str(q.from()), str(q.to()), List.of(), List.of(),
                    List.of());
        }
        LocalDate from = clamp(q.from() != null ? q.from() : chosen.stream().map(Extent::first).min(Instant::compareTo)
                .orElseThrow().atZone(zone).toLocalDate().minusDays(1));
        LocalDate to = clamp(q.to() != null ? q.to() : chosen.stream().map(Extent::last).max(Instant::compareTo)
                .orElseThrow().atZone(zone).toLocalDate().plusDays(1));
        List<TradingSession> sessions = from.isAfter(to) ? List.of() : calendar.sessions(from, to.plusDays(1));
        if (sessions.size() > MAX_CALENDAR_SESSIONS) {
            throw BadRequest.of("from", from + ".." + to, "spans " + sessions.size() + " sessions; at most "
                    + MAX_CALENDAR_SESSIONS + " (narrow from/to)");
        }
        if (sessions.isEmpty()) {
            return new Heatmap(calendar.name(), zone.getId(), from.toString(), to.toString(),
                    List.of(), List.of(), List.of());
        }
        StoreCounts c = counts(extents);
        Map<Symbol, SessionCounts> inWindow = c.inWindow();
        Map<Symbol, Map<LocalDate, Long>> inExpected = c.inExpected();
        List<TradingSession> columns = sessions.stream().filter(s -> selected.stream()
                .map(inWindow::get).anyMatch(w -> w != null && w.bySession().getOrDefault(s.date(), 0L) > 0))
                .toList();
        if (columns.size() > MAX_COLUMNS || (long) columns.size() * selected.size() > MAX_CELLS) {
            throw BadRequest.of("from", from + ".." + to, columns.size() + " sessions x " + selected.size()
                    + " symbols is more than " + MAX_COLUMNS + " sessions or " + MAX_CELLS + " cells (narrow "
                    + "from/to or the symbols)");
        }
        List<Heatmap.Column> cols = new ArrayList<>();
        int[] expected = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            TradingSession s = columns.get(i);
            expected[i] = SessionMinutes.of(s, config.qualitySegments()).expected();
            cols.add(new Heatmap.Column(s.date().toString(), expected[i], s.earlyClose(), s.open().toString(),
                    s.close().toString()));
        }
        List<Heatmap.Row> rows = new ArrayList<>();
        for (Symbol symbol : selected) {
            SessionCounts window = inWindow.get(symbol);
            Map<LocalDate, Long> exp = inExpected.get(symbol);
            List<Integer> present = new ArrayList<>(columns.size());
            List<Double> quality = new ArrayList<>(columns.size());
            for (int i = 0; i < columns.size(); i++) {
                LocalDate d = columns.get(i).date();
                if (window == null || window.bySession().getOrDefault(d, 0L) == 0) {
                    present.add(null);
                    quality.add(null);
                } else {
                    int p = Math.toIntExact(exp == null ? 0L : exp.getOrDefault(d, 0L));
                    present.add(p);
                    quality.add(round2(SymbolSessionData.quality(p, expected[i])));
                }
            }
            rows.add(new Heatmap.Row(symbol.value(), present, quality));
        }
        return new Heatmap(calendar.name(), zone.getId(), from.toString(), to.toString(),
                selected.stream().map(Symbol::value).toList(), cols, rows);
    }

    /**
     * Per symbol and date the bars inside the expected parts of each session: the window counts themselves when
     * every window is wholly expected, else one count per k-th expected part of the sessions (each query has at most
     * one window a date, as the grouped query requires).
     */
    private Map<Symbol, Map<LocalDate, Long>> expectedCounts(List<TradingSession> sessions, Set<Symbol> symbols,
                                                             TimeRange range, Map<Symbol, SessionCounts> inWindow) {
        List<List<TradingSession>> parts = new ArrayList<>();
        boolean whole = true;
        for (TradingSession s : sessions) {
            List<TradingSession> p = expectedParts(s);
            whole &= p.size() == 1 && p.get(0).open().equals(s.open()) && p.get(0).close().equals(s.close());
            for (int k = 0; k < p.size(); k++) {
                if (parts.size() <= k) {
                    parts.add(new ArrayList<>());
                }
                parts.get(k).add(p.get(k));
            }
        }
        Map<Symbol, Map<LocalDate, Long>> out = new HashMap<>();
        if (whole) {
            inWindow.forEach((symbol, c) -> out.put(symbol, c.bySession()));
            return out;
        }
        for (List<TradingSession> k : parts) {
            inventory.countBySession(minuteBars, symbols, k, range).forEach((symbol, c) -> c.bySession()
                    .forEach((d, n) -> out.computeIfAbsent(symbol, x -> new HashMap<>()).merge(d, n, Long::sum)));
        }
        return out;
    }

    /** The runs of adjacent counted segments of {@code s}, each as a session window of its own date. */
    private List<TradingSession> expectedParts(TradingSession s) {
        List<TradingSession> out = new ArrayList<>();
        Instant start = null;
        Instant end = null;
        for (SessionSegment seg : s.segments()) {
            boolean counted = config.qualitySegments().contains(seg.kind());
            if (counted && start != null && seg.start().equals(end)) {
                end = seg.end();
            } else if (counted) {
                if (start != null) {
                    out.add(new TradingSession(s.date(), start, end, s.zone(), s.earlyClose()));
                }
                start = seg.start();
                end = seg.end();
            }
        }
        if (start != null) {
            out.add(new TradingSession(s.date(), start, end, s.zone(), s.earlyClose()));
        }
        return out;
    }

    private LocalDate clamp(LocalDate d) {
        return d.isBefore(calendar.firstDate()) ? calendar.firstDate()
                : d.isAfter(calendar.lastDate()) ? calendar.lastDate() : d;
    }

    private static String str(LocalDate d) {
        return d == null ? null : d.toString();
    }

    static double round2(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }
}
