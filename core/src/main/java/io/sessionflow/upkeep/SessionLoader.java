package io.sessionflow.upkeep;

import io.sessionflow.calendar.CalendarRangeException;
import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.coordinator.CheckBatch;
import io.sessionflow.coordinator.EventBatch;
import io.sessionflow.coordinator.SessionRequest;
import io.sessionflow.coordinator.SessionSplit;
import io.sessionflow.corporate.CorporateAction;
import io.sessionflow.corporate.Normalization;
import io.sessionflow.corporate.PriceAdjustment;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.QuoteBarSeries;
import io.sessionflow.domain.QuoteSeries;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.domain.TradeSeries;
import io.sessionflow.session.DerivedBars;
import io.sessionflow.session.SessionMinutes;
import io.sessionflow.storage.MarketDataStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Loads one backtest session from storage with one bulk read per kind of data, and prepares everything the
 * coordinator needs: delivery-ordered batches (minus the bars a {@link DropFilter} loses), the session's
 * completeness checks, and the trailing history that symbols lack.
 *
 * <p>Completeness in a backtest: a check runs at each check interval of simulated time from the session start
 * (and at the end). A 1m bar is expected once its minute has ended, so a minute the stream lacks is found by the
 * first check at or after its end. The loader evaluates those checks against the session's storage snapshot it has
 * just read (storage cannot change a finished session's past, and no other query is needed): a minute storage has
 * becomes a filled bar, one it lacks becomes confirmed missing (and, with fill-forward, a flat synthetic bar at the
 * previous close). The results are scheduled at their check times, where the coordinator applies them after every
 * stream event of that instant: runs are deterministic, whatever the threads do. Only expected minutes are checked
 * ({@link SessionMinutes}: those of the quality segments): a halt minute, or a pre-market minute when only the market
 * is expected, is never missing, filled or filled forward.
 *
 * <p>A session is read from its open to its trading close ({@link SessionMinutes#tradingClose}): nothing after the
 * last segment belongs to it. Sessions are found by date label and read by instant, so a session that opens on the
 * previous calendar day (CME's 17:00 Chicago open) is read whole.
 *
 * <p>Stateless between calls; thread-safe (it reads storage, which is thread-safe, and keeps nothing).
 */
public final class SessionLoader {

    private final MarketDataStore store;
    private final SessionConfig config;
    private final TradingCalendar calendar;
    private final DropFilter drop;
    private final boolean repair;
    private final PriceAdjustment adjustment;

    /** A loader that delivers prices as stored: {@link PriceAdjustment#NONE}. */
    public SessionLoader(MarketDataStore store, SessionConfig config, TradingCalendar calendar, DropFilter drop,
                         boolean repair) {
        this(store, config, calendar, drop, repair, PriceAdjustment.NONE);
    }

    /**
     * @param calendar the calendar with the configured session hours
     * @param repair   whether to evaluate completeness checks (the upkeep thread's duty; off without it)
     * @param adjustment the run's price normalization, applied to each session's bars as they are read (so derived
     *                   bars, checks, figures and history are built from adjusted 1m bars and agree with them)
     */
    public SessionLoader(MarketDataStore store, SessionConfig config, TradingCalendar calendar, DropFilter drop,
                         boolean repair, PriceAdjustment adjustment) {
        this.adjustment = Objects.requireNonNull(adjustment, "adjustment");
        this.store = Objects.requireNonNull(store, "store");
        this.config = Objects.requireNonNull(config, "config");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.drop = Objects.requireNonNull(drop, "drop");
        this.repair = repair;
    }

    /**
     * Loads the split {@code request} asks for: its session for the streams it names, and the trailing history its
     * symbols do not hold.
     */
    public SessionSplit load(SessionRequest request) {
        TradingSession session = request.session();
        List<Symbol> barSymbols = request.bars();
        List<Symbol> quoteSymbols = request.quotes();
        List<Symbol> tradeSymbols = request.trades();
        TimeRange window = new TimeRange(session.open(), SessionMinutes.tradingClose(session));
        int reads = 0;
        BarSeries stored = BarSeries.empty(Interval.ONE_MINUTE);
        if (!barSymbols.isEmpty()) {
            stored = adjustment.adjust(store.readBars(barSymbols, Interval.ONE_MINUTE, window), session.date(),
                    session.date()).sortedBySymbolThenStart();
            reads++;
        }
        QuoteSeries quotes = QuoteSeries.empty();
        if (!quoteSymbols.isEmpty()) {
            quotes = store.readQuotes(quoteSymbols, window).sortedByTimeThenSymbol();
            reads++;
        }
        QuoteBarSeries quoteBars = QuoteBarSeries.empty(Interval.ONE_MINUTE);
        if (!request.quoteBars().isEmpty()) {
            quoteBars = store.readQuoteBars(request.quoteBars(), Interval.ONE_MINUTE, window).sortedByTimeThenSymbol();
            reads++;
        }
        TradeSeries trades = TradeSeries.empty();
        if (!tradeSymbols.isEmpty()) {
            trades = store.readTrades(tradeSymbols, window).sortedByTimeThenSymbol();
            reads++;
        }
        BarSeries streamed = dropped(stored);
        CheckBatch checks = CheckBatch.builder().build();
        if (repair && !barSymbols.isEmpty()) {
            Map<Symbol, Double> previousClose = Map.of();
            if (config.fillForward() && config.retryMissingBars()) {
                previousClose = previousCloses(session, barSymbols);
                reads++;
            }
            checks = checks(session, barSymbols, stored, streamed, previousClose);
        }
        Map<Symbol, Map<Interval, Map<LocalDate, BarSeries>>> history = Map.of();
        Set<Symbol> replaced = Set.of();
        if (config.historicalTrailingSessions() > 0 && !barSymbols.isEmpty()) {
            HistoryRead h = history(session, barSymbols, request::held);
            history = h.history;
            replaced = h.replaced;
            reads += h.reads;
        }
        return new SessionSplit(request, EventBatch.bars(streamed.sortedByStartThenSymbol()), EventBatch.quotes(quotes),
                EventBatch.trades(trades), checks, history, stored.size(), stored.size() - streamed.size(), reads,
                EventBatch.quoteBars(quoteBars), replaced, actionsOn(session, barSymbols));
    }

    /** The splits and dividends of the symbols the run has factors for that go ex on {@code session}. */
    private List<CorporateAction> actionsOn(TradingSession session, List<Symbol> symbols) {
        List<CorporateAction> out = new ArrayList<>();
        for (Symbol s : new TreeSet<>(symbols)) {
            adjustment.factorFile(s).ifPresent(f -> f.actions(calendar).stream()
                    .filter(a -> a.exDate().equals(session.date())).forEach(out::add));
        }
        return out;
    }

    private BarSeries dropped(BarSeries stored) {
        if (drop.rate() == 0) {
            return stored;
        }
        int[] keep = new int[stored.size()];
        int n = 0;
        for (int i = 0; i < stored.size(); i++) {
            if (!drop.drops(stored.symbol(i), stored.startMicros(i))) {
                keep[n++] = i;
            }
        }
        return stored.reorder(java.util.Arrays.copyOf(keep, n));
    }

    /** The session's completeness checks, evaluated against its storage snapshot; see the class comment. */
    private CheckBatch checks(TradingSession session, Collection<Symbol> barSymbols, BarSeries stored,
                              BarSeries streamed, Map<Symbol, Double> previousClose) {
        long open = Micros.of(session.open());
        long close = Micros.of(SessionMinutes.tradingClose(session));
        long every = config.upkeepCheckInterval().toSeconds() * Micros.PER_SECOND;
        int minutes = session.minutes();
        SessionMinutes layout = SessionMinutes.of(session, config.qualitySegments());
        Map<Symbol, int[]> storedRows = rowRanges(stored);
        Map<Symbol, int[]> streamedRows = streamed == stored ? storedRows : rowRanges(streamed);
        int[] none = {0, 0};
        TreeMap<Long, TreeMap<Symbol, Row>> rows = new TreeMap<>();
        boolean[] streamedMinute = new boolean[minutes];
        for (Symbol symbol : new TreeSet<>(barSymbols)) {
            int[] got = streamedRows.getOrDefault(symbol, none);
            java.util.Arrays.fill(streamedMinute, false);
            int streamedExpected = 0;
            for (int i = got[0]; i < got[1]; i++) {
                int m = (int) ((streamed.startMicros(i) - open) / Micros.PER_MINUTE);
                streamedExpected += !streamedMinute[m] && layout.isExpected(m) ? 1 : 0;
                streamedMinute[m] = true;
            }
            if (!config.retryMissingBars() || streamedExpected == layout.expected()) {
                continue;  // measurement only, or nothing to look up: the stream has every expected minute
            }
            int[] have = storedRows.getOrDefault(symbol, none);
            int[] storedRow = minuteIndex(stored, have, open, minutes);
            double lastClose = previousClose.getOrDefault(symbol, Double.NaN);  // NaN: none (unboxed per bar)
            for (int m = 0; m < minutes; m++) {
                int r = storedRow[m];
                if (layout.kind(m) == SessionMinutes.HALT) {
                    continue;  // not session data: the coordinator ignores a bar there, and nothing is expected
                }
                if (streamedMinute[m]) {
                    lastClose = stored.close(r);
                    continue;
                }
                if (!layout.isExpected(m)) {
                    continue;  // a minute that is not expected: nothing is looked up
                }
                long minuteEnd = open + (m + 1) * Micros.PER_MINUTE;
                long due = Math.min(close, open + ceilDiv(minuteEnd - open, every) * every);
                Row row = rows.computeIfAbsent(due, t -> new TreeMap<>()).computeIfAbsent(symbol, k -> new Row());
                long start = open + m * Micros.PER_MINUTE;
                if (r >= 0) {
                    row.repairs.add(stored.get(r).withFlags(Bar.FILLED));
                    lastClose = stored.close(r);
                } else {
                    row.missing.add(start);
                    if (config.fillForward() && !Double.isNaN(lastClose)) {
                        double c = lastClose;
                        row.repairs.add(new Bar(symbol, Micros.toInstant(start), Interval.ONE_MINUTE, c, c, c, c, 0,
                                Bar.NO_TRADE_COUNT, Double.NaN, Bar.SYNTHETIC));
                    }
                }
            }
        }
        CheckBatch.Builder b = CheckBatch.builder();
        rows.forEach((due, bySymbol) -> bySymbol.forEach((symbol, row) -> b.add(due, symbol, row.repairs,
                row.missing.stream().mapToLong(Long::longValue).toArray())));
        return b.build();
    }

    /** Per symbol, its rows {@code [from, to)} in {@code bars}, sorted by symbol: ranges, not copies of the session. */
    private static Map<Symbol, int[]> rowRanges(BarSeries bars) {
        Map<Symbol, int[]> out = new java.util.HashMap<>();
        for (int i = 0; i < bars.size(); ) {
            Symbol s = bars.symbol(i);
            int from = i;
            while (i < bars.size() && bars.symbol(i).equals(s)) {
                i++;
            }
            if (out.put(s, new int[] {from, i}) != null) {
                throw new IllegalStateException("bars of " + s + " are not together: the series is not by symbol");
            }
        }
        return out;
    }

    /** Per minute of the session, the row of {@code bars} (within {@code range}) that starts there, or -1. */
    private static int[] minuteIndex(BarSeries bars, int[] range, long open, int minutes) {
        int[] row = new int[minutes];
        java.util.Arrays.fill(row, -1);
        for (int i = range[0]; i < range[1]; i++) {
            row[(int) ((bars.startMicros(i) - open) / Micros.PER_MINUTE)] = i;
        }
        return row;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /**
     * The close of each symbol's last 1m bar before the session, from the previous trading day's open on, on the
     * session's price basis in the adjusted modes; as traded in raw mode (whose events stay those of a run without
     * factors).
     */
    private Map<Symbol, Double> previousCloses(TradingSession session, Collection<Symbol> symbols) {
        TradingSession previous;
        try {
            previous = calendar.session(calendar.previousTradingDay(session.date())).orElseThrow();
        } catch (CalendarRangeException e) {
            return Map.of();
        }
        BarSeries before = store.readBars(symbols, Interval.ONE_MINUTE, new TimeRange(previous.open(), session.open()));
        Map<Symbol, Double> out = new TreeMap<>();
        for (Map.Entry<Symbol, BarSeries> e : before.bySymbol().entrySet()) {
            BarSeries s = e.getValue();
            Symbol symbol = e.getKey();
            double m = adjustment.mode(symbol) == Normalization.RAW ? 1
                    : adjustment.priceMultiplier(symbol, previous.date(), session.date());
            out.put(symbol, s.close(s.size() - 1) * m);
        }
        return out;
    }

    /**
     * A live session's split: the trailing history the request's symbols do not hold and, for a start in the middle of
     * the session (a warm start), the session's 1m bars that ended by then; the feeds bring the rest.
     */
    public SessionSplit loadHistory(SessionRequest request) {
        SessionSplit empty = SessionSplit.empty(request);
        if (request.bars().isEmpty()) {
            return empty;
        }
        HistoryRead h = config.historicalTrailingSessions() == 0 ? new HistoryRead(Map.of(), 0, Set.of())
                : history(request.session(), request.bars(), request::held);
        TradingSession session = request.session();
        long open = Micros.of(session.open());
        long until = Math.min(Micros.of(SessionMinutes.tradingClose(session)),
                Math.floorDiv(request.warmUntilMicros(), Micros.PER_MINUTE) * Micros.PER_MINUTE);
        EventBatch earlier = empty.bars();
        int read = 0;
        int reads = h.reads;
        if (request.warmUntilMicros() != SessionRequest.NO_WARM_START && until - Micros.PER_MINUTE >= open) {
            // Bars that have ended by then: the one starting at until - 1m ends at until.
            BarSeries stored = store.readBars(request.bars(), Interval.ONE_MINUTE,
                    new TimeRange(session.open(), Micros.toInstant(until))).sortedByStartThenSymbol();
            earlier = EventBatch.bars(stored);
            read = stored.size();
            reads++;
        }
        return new SessionSplit(request, earlier, empty.quotes(), empty.trades(), empty.checks(), h.history, read, 0,
                reads, empty.quoteBars(), h.replaced, actionsOn(session, request.bars()));
    }

    private record HistoryRead(Map<Symbol, Map<Interval, Map<LocalDate, BarSeries>>> history, int reads,
                               Set<Symbol> replaced) {
    }

    /**
     * Reads, in one query, the trailing sessions the symbols do not hold yet, in every history interval, each on the
     * session's price basis; all of them for a symbol whose held history a split put on another basis
     * ({@link PriceAdjustment#replacesHistory}), which then replaces what it holds.
     */
    private HistoryRead history(TradingSession session, Collection<Symbol> symbols,
                                Function<Symbol, Set<LocalDate>> held) {
        List<TradingSession> wanted = trailingSessions(session);
        Map<Symbol, List<TradingSession>> missing = new TreeMap<>();
        TreeSet<TradingSession> toRead = new TreeSet<>(java.util.Comparator.comparing(TradingSession::date));
        Set<Symbol> replaced = new TreeSet<>();
        for (Symbol s : symbols) {
            Set<LocalDate> have = adjustment.replacesHistory(s, held.apply(s), session.date()) ? Set.of()
                    : held.apply(s);
            if (have.isEmpty() && !held.apply(s).isEmpty()) {
                replaced.add(s);
            }
            List<TradingSession> lack = wanted.stream().filter(t -> !have.contains(t.date())).toList();
            if (!lack.isEmpty()) {
                missing.put(s, lack);
                toRead.addAll(lack);
            }
        }
        if (toRead.isEmpty()) {
            return new HistoryRead(Map.of(), 0, Set.of());
        }
        BarSeries read = store.readBars(missing.keySet(), Interval.ONE_MINUTE,
                new TimeRange(toRead.first().open(), toRead.last().close())).sortedBySymbolThenStart();
        Map<Symbol, BarSeries> bySymbol = read.bySymbol();
        Map<Symbol, Map<Interval, Map<LocalDate, BarSeries>>> out = new TreeMap<>();
        missing.forEach((symbol, sessions) -> {
            BarSeries all = bySymbol.getOrDefault(symbol, BarSeries.empty(Interval.ONE_MINUTE));
            Map<Interval, Map<LocalDate, BarSeries>> perInterval = new LinkedHashMap<>();
            for (TradingSession t : sessions) {
                BarSeries oneMinute = adjustment.adjust(inSegments(all.subSeries(all.lowerBound(Micros.of(t.open())),
                        all.lowerBound(Micros.of(t.close()))), t), t.date(), session.date());
                for (Interval i : config.historicalBarIntervals()) {
                    perInterval.computeIfAbsent(i, k -> new TreeMap<>())
                            .put(t.date(), i.isOneMinute() ? oneMinute
                                    : DerivedBars.aggregate(oneMinute, t, i, config.derivedAlignment()));
                }
            }
            out.put(symbol, perInterval);
        });
        replaced.retainAll(out.keySet());
        return new HistoryRead(out, 1, replaced);
    }

    /** The bars of {@code bars} (one symbol's, of {@code t}) in a segment: a halt's bars are no session data. */
    private static BarSeries inSegments(BarSeries bars, TradingSession t) {
        if (!t.isSegmented()) {
            return bars;
        }
        int[] keep = new int[bars.size()];
        int n = 0;
        for (int i = 0; i < bars.size(); i++) {
            if (t.segmentAt(Micros.toInstant(bars.startMicros(i))).isPresent()) {
                keep[n++] = i;
            }
        }
        return n == bars.size() ? bars : bars.reorder(java.util.Arrays.copyOf(keep, n));
    }

    /** The configured number of sessions before {@code session}, fewer near the start of the calendar. */
    private List<TradingSession> trailingSessions(TradingSession session) {
        return calendar.sessionsBefore(session.date(), config.historicalTrailingSessions());
    }

    private static final class Row {
        final List<Bar> repairs = new ArrayList<>();
        final List<Long> missing = new ArrayList<>();
    }
}
