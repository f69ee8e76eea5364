package io.sessionflow.storage;

import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.calendar.SessionSegment;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.QuoteBarSeries;
import io.sessionflow.domain.QuoteSeries;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.domain.TradeSeries;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store whose 1m reads fill the minutes it lacks from a {@link HistoricalBars} provider; see
 * {@link MarketDataStores#withBarBackfill(MarketDataStore, HistoricalBars, TradingCalendar, Clock, BackfillPolicy)}.
 *
 * <p>A read first asks the store. When nothing the range expects is missing (or everything missing was asked for
 * already), that is the answer, with no lock taken. Otherwise the read takes the fetch lock, reads the store again
 * (another reader may just have filled the same gap), asks the provider for what is still missing, writes what came
 * into the store and returns the merge. A write that fails is logged and the merged bars are still returned; its
 * minutes are not remembered as asked, so the next read asks again.
 *
 * <p>Threading: safe from any thread, as its delegate. One provider fetch runs at a time (the fetch lock, taken
 * interruptibly: an interrupted reader returns the store's bars); the memory of asked minutes has its own monitor,
 * held only for map updates. Memory grows with the spans asked for, merged per symbol: a few entries per session.
 */
final class BackfillingStore implements MarketDataStore {

    private static final Logger LOG = LoggerFactory.getLogger(BackfillingStore.class);
    private static final long MINUTE = Micros.PER_MINUTE;

    private final MarketDataStore store;
    private final HistoricalBars provider;
    private final TradingCalendar calendar;
    private final Clock clock;
    private final long settleMicros;
    private final long cooldownMicros;
    private final ReentrantLock fetchLock = new ReentrantLock();
    /** Per symbol, the settled minutes asked for: start to end micros, disjoint and not touching. Guarded by itself. */
    private final Map<Symbol, TreeMap<Long, Long>> asked = new HashMap<>();
    /** Failed fetches in a row; guarded by fetchLock. */
    private int failures;
    /** No fetch before this market time (micros), after a failure; written under fetchLock, read without it. */
    private volatile long quietUntil = Long.MIN_VALUE;

    BackfillingStore(MarketDataStore store, HistoricalBars provider, TradingCalendar calendar, Clock clock,
                     BackfillPolicy policy) {
        this.store = Objects.requireNonNull(store, "store");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(policy, "policy");
        this.settleMicros = policy.settle().toNanos() / 1_000;
        this.cooldownMicros = policy.failureCooldown().toNanos() / 1_000;
    }

    /**
     * One provider fetch: the symbols that lack minutes of one session window, over the span {@code [from, to)} of
     * those minutes; {@code missing} has, per symbol, a bit per minute from {@code base}, the window's start.
     */
    private record Fetch(List<Symbol> symbols, long base, long from, long to, Map<Symbol, BitSet> missing) {
    }

    @Override
    public BarSeries readBars(Symbol symbol, Interval interval, TimeRange range) {
        return read(List.of(symbol), interval, range, () -> store.readBars(symbol, interval, range));
    }

    @Override
    public BarSeries readBars(Collection<Symbol> symbols, Interval interval, TimeRange range) {
        return read(symbols, interval, range, () -> store.readBars(symbols, interval, range));
    }

    private BarSeries read(Collection<Symbol> symbols, Interval interval, TimeRange range, Supplier<BarSeries> read) {
        BarSeries stored = read.get();
        if (!interval.isOneMinute() || symbols.isEmpty()) {
            return stored;
        }
        long now = Micros.of(clock.instant());
        List<long[]> windows;
        try {
            windows = windows(range, now);
        } catch (ArithmeticException | IllegalArgumentException e) {
            // A range beyond what micros or the calendar can express: the store's answer stands.
            LOG.debug("no bar backfill for {}: {}", range, e.getMessage());
            return stored;
        }
        if (windows.isEmpty() || plan(symbols, windows, stored).isEmpty()) {
            return stored;
        }
        if (now < quietUntil) {
            LOG.debug("bar backfill from {} is quiet after a failure until {}; the store's bars for {} are returned",
                    provider, Micros.toInstant(quietUntil), range);
            return stored;
        }
        try {
            fetchLock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return stored;
        }
        try {
            BarSeries again = read.get();
            List<Fetch> plan = plan(symbols, windows, again);
            return plan.isEmpty() ? again : fill(again, plan, now);
        } finally {
            fetchLock.unlock();
        }
    }

    /**
     * The windows {@code [from, to)} (micros, whole minutes) of the range's minutes that have ended by {@code now} and
     * lie in a session; empty when the range is outside the calendar's years.
     */
    private List<long[]> windows(TimeRange range, long now) {
        long from = ceilMinute(range.startMicros());
        long to = Math.min(ceilMinute(range.endMicros()), Math.floorDiv(now, MINUTE) * MINUTE);
        List<long[]> out = new ArrayList<>();
        if (from >= to) {
            return out;
        }
        LocalDate first = max(Micros.toInstant(from).atZone(calendar.zone()).toLocalDate().minusDays(1),
                calendar.firstDate());
        LocalDate last = min(Micros.toInstant(to).atZone(calendar.zone()).toLocalDate().plusDays(1),
                calendar.lastDate());
        if (first.isAfter(last)) {
            return out;
        }
        // A day either side: a session may open on the previous calendar day (CME's 17:00 Chicago open).
        for (TradingSession s : calendar.sessions(first, last.plusDays(1))) {
            for (SessionSegment g : s.segments()) {  // halts between segments have no bars to fetch
                long a = Math.max(from, ceilMinute(Micros.of(g.start())));
                long b = Math.min(to, ceilMinute(Micros.of(g.end())));
                if (a < b) {
                    out.add(new long[] {a, b});
                }
            }
        }
        return out;
    }

    /** Per window, what to fetch: the minutes {@code stored} lacks that were not asked for already. */
    private List<Fetch> plan(Collection<Symbol> symbols, List<long[]> windows, BarSeries stored) {
        // The store's order is its own business: sort each symbol's starts to look windows up.
        Map<Symbol, long[]> starts = new HashMap<>();
        stored.bySymbol().forEach((s, bars) -> {
            long[] t = new long[bars.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = bars.startMicros(i);
            }
            Arrays.sort(t);
            starts.put(s, t);
        });
        List<Fetch> out = new ArrayList<>();
        for (long[] w : windows) {
            int minutes = (int) ((w[1] - w[0]) / MINUTE);
            Map<Symbol, BitSet> missing = new TreeMap<>();
            int first = Integer.MAX_VALUE;
            int last = -1;
            for (Symbol s : new TreeSet<>(symbols)) {
                BitSet have = askedMinutes(s, w[0], w[1]);
                long[] t = starts.get(s);
                if (t != null) {
                    int i = Arrays.binarySearch(t, w[0]);
                    for (i = i < 0 ? -i - 1 : i; i < t.length && t[i] < w[1]; i++) {
                        have.set((int) ((t[i] - w[0]) / MINUTE));
                    }
                }
                have.flip(0, minutes);
                if (!have.isEmpty()) {
                    missing.put(s, have);
                    first = Math.min(first, have.nextSetBit(0));
                    last = Math.max(last, have.length() - 1);
                }
            }
            if (!missing.isEmpty()) {
                out.add(new Fetch(List.copyOf(missing.keySet()), w[0], w[0] + first * MINUTE,
                        w[0] + (last + 1) * MINUTE, missing));
            }
        }
        return out;
    }

    /** Asks the provider per the plan (under the fetch lock), writes what came, and merges it with {@code stored}. */
    private BarSeries fill(BarSeries stored, List<Fetch> plan, long now) {
        List<Bar> added = new ArrayList<>();
        for (Fetch f : plan) {
            if (now < quietUntil) {
                break;  // an earlier fetch of this read failed
            }
            TimeRange span = new TimeRange(Micros.toInstant(f.from), Micros.toInstant(f.to));
            BarSeries got;
            try {
                got = provider.fetch(f.symbols, span);
            } catch (RuntimeException e) {
                failed(f, span, now, e);
                break;
            }
            if (failures > 0) {
                LOG.info("bar backfill from {} answers again after {} failed fetches", provider, failures);
                failures = 0;
            }
            List<Bar> fresh = missingBars(f, got);
            if (!fresh.isEmpty() && !written(fresh, span)) {
                added.addAll(fresh);
                continue;  // not remembered: the next read asks again and may write them
            }
            added.addAll(fresh);
            remember(f.symbols, f.from, Math.min(f.to, Math.floorDiv(now - settleMicros, MINUTE) * MINUTE));
            LOG.debug("bar backfill from {}: {} bars for {} symbols over {}", provider, fresh.size(), f.symbols.size(),
                    span);
        }
        if (added.isEmpty()) {
            return stored;
        }
        List<Bar> all = new ArrayList<>(stored.size() + added.size());
        all.addAll(stored);
        all.addAll(added);
        all.sort(Comparator.comparing(Bar::symbol).thenComparing(Bar::start));
        return BarSeries.of(Interval.ONE_MINUTE, all);
    }

    /** The provider's bars for the minutes the fetch was for (anything else it sent is left out), one per minute. */
    private static List<Bar> missingBars(Fetch f, BarSeries got) {
        List<Bar> out = new ArrayList<>();
        if (!got.interval().isOneMinute()) {
            LOG.warn("bar backfill: the provider answered with {} bars, not 1m; ignored", got.interval());
            return out;
        }
        Map<Symbol, BitSet> open = new HashMap<>();
        f.missing.forEach((s, b) -> open.put(s, (BitSet) b.clone()));
        for (int i = 0; i < got.size(); i++) {
            long t = got.startMicros(i);
            BitSet want = open.get(got.symbol(i));
            if (want == null || t < f.from || t >= f.to || Math.floorMod(t, MINUTE) != 0) {
                continue;
            }
            int m = (int) ((t - f.base) / MINUTE);
            if (want.get(m)) {
                want.clear(m);
                out.add(got.get(i).withFlags(0));
            }
        }
        return out;
    }

    private boolean written(List<Bar> fresh, TimeRange span) {
        try {
            store.upsertBars(BarSeries.of(Interval.ONE_MINUTE, fresh));
            return true;
        } catch (RuntimeException e) {
            LOG.warn("bar backfill: writing {} bars over {} into {} failed; they are returned but not stored: {}",
                    fresh.size(), span, store.description(), e.toString());
            return false;
        }
    }

    private void failed(Fetch f, TimeRange span, long now, RuntimeException e) {
        failures++;
        quietUntil = now + cooldownMicros;
        if (failures == 1) {
            LOG.warn("bar backfill from {} failed for {} symbols over {}; reads return the store's bars, the provider "
                    + "is asked again after {} s: {}", provider, f.symbols.size(), span, cooldownMicros / Micros.PER_SECOND,
                    e.toString());
        } else {
            LOG.debug("bar backfill from {} failed again ({} in a row): {}", provider, failures, e.toString());
        }
    }

    private void remember(List<Symbol> symbols, long from, long to) {
        if (from >= to) {
            return;
        }
        synchronized (asked) {
            for (Symbol s : symbols) {
                TreeMap<Long, Long> spans = asked.computeIfAbsent(s, k -> new TreeMap<>());
                long a = from;
                long b = to;
                Map.Entry<Long, Long> before = spans.floorEntry(a);
                if (before != null && before.getValue() >= a) {
                    a = before.getKey();
                    b = Math.max(b, before.getValue());
                }
                for (Map.Entry<Long, Long> e = spans.ceilingEntry(a); e != null && e.getKey() <= b;
                     e = spans.ceilingEntry(a)) {
                    b = Math.max(b, e.getValue());
                    spans.remove(e.getKey());
                }
                spans.put(a, b);
            }
        }
    }

    /** The minutes of {@code [from, to)} asked for already, as bits from {@code from}. */
    private BitSet askedMinutes(Symbol s, long from, long to) {
        BitSet out = new BitSet();
        synchronized (asked) {
            TreeMap<Long, Long> spans = asked.get(s);
            if (spans == null) {
                return out;
            }
            Long key = spans.floorKey(from);
            for (Map.Entry<Long, Long> e : spans.tailMap(key == null ? from : key, true).entrySet()) {
                if (e.getKey() >= to) {
                    break;
                }
                long a = Math.max(from, e.getKey());
                long b = Math.min(to, e.getValue());
                if (a < b) {
                    out.set((int) ((a - from) / MINUTE), (int) ((b - from) / MINUTE));
                }
            }
        }
        return out;
    }

    private static long ceilMinute(long micros) {
        return -Math.floorDiv(-micros, MINUTE) * MINUTE;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    // --- everything else goes to the store as it is ---

    @Override
    public Optional<Instrument> instrument(Symbol symbol) {
        return store.instrument(symbol);
    }

    @Override
    public void recordInstruments(Collection<Instrument> instruments) {
        store.recordInstruments(instruments);
    }

    @Override
    public Optional<io.sessionflow.corporate.FactorFile> factorFile(Symbol symbol) {
        return store.factorFile(symbol);
    }

    @Override
    public List<io.sessionflow.corporate.CorporateAction> corporateActions(Symbol symbol) {
        return store.corporateActions(symbol);
    }

    @Override
    public String description() {
        return store.description() + " (1m gaps from " + provider + ")";
    }

    @Override
    public UpsertResult upsertBars(BarSeries bars) {
        return store.upsertBars(bars);
    }

    @Override
    public List<Coverage> barCoverage() {
        return store.barCoverage();
    }

    @Override
    public UpsertResult upsertQuoteBars(QuoteBarSeries quoteBars) {
        return store.upsertQuoteBars(quoteBars);
    }

    @Override
    public QuoteBarSeries readQuoteBars(Collection<Symbol> symbols, Interval interval, TimeRange range) {
        return store.readQuoteBars(symbols, interval, range);
    }

    @Override
    public List<Coverage> quoteBarCoverage() {
        return store.quoteBarCoverage();
    }

    @Override
    public UpsertResult upsertQuotes(QuoteSeries quotes) {
        return store.upsertQuotes(quotes);
    }

    @Override
    public QuoteSeries readQuotes(Collection<Symbol> symbols, TimeRange range) {
        return store.readQuotes(symbols, range);
    }

    @Override
    public List<Coverage> quoteCoverage() {
        return store.quoteCoverage();
    }

    @Override
    public UpsertResult upsertTrades(TradeSeries trades) {
        return store.upsertTrades(trades);
    }

    @Override
    public TradeSeries readTrades(Collection<Symbol> symbols, TimeRange range) {
        return store.readTrades(symbols, range);
    }

    @Override
    public List<Coverage> tradeCoverage() {
        return store.tradeCoverage();
    }

    @Override
    public void close() {
        store.close();
    }

    @Override
    public String toString() {
        return "BackfillingStore[" + description() + "]";
    }
}
