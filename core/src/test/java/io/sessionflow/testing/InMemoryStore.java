package io.sessionflow.testing;

import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.ColumnSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Quote;
import io.sessionflow.domain.QuoteBar;
import io.sessionflow.domain.QuoteBarSeries;
import io.sessionflow.domain.QuoteSeries;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.domain.Trade;
import io.sessionflow.domain.TradeSeries;
import io.sessionflow.storage.Coverage;
import io.sessionflow.storage.Instrument;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.storage.UpsertResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link MarketDataStore} in plain Java maps: the behavioural reference the real backends' contract tests agree
 * with, and a fast store for core tests. Counts reads so tests can assert how many queries a component made.
 *
 * <p>Thread-safe: every method synchronises on the store.
 */
public final class InMemoryStore implements MarketDataStore {

    private record BarKey(Symbol symbol, int interval) {
    }

    private record TickKey(long micros, int seq) implements Comparable<TickKey> {
        @Override
        public int compareTo(TickKey o) {
            int c = Long.compare(micros, o.micros);
            return c != 0 ? c : Integer.compare(seq, o.seq);
        }
    }

    private final Map<BarKey, NavigableMap<Long, Bar>> bars = new HashMap<>();
    private final Map<BarKey, NavigableMap<Long, QuoteBar>> quoteBars = new HashMap<>();
    private final Map<Symbol, NavigableMap<TickKey, Quote>> quotes = new HashMap<>();
    private final Map<Symbol, NavigableMap<TickKey, Trade>> trades = new HashMap<>();
    private final Map<Symbol, Instrument> instruments = new HashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private volatile RuntimeException failNextReads;
    private volatile int failuresLeft;

    /** Number of read calls made so far (each bulk read counts once). */
    public int reads() {
        return reads.get();
    }

    /** Makes the next {@code n} reads throw {@code failure}, to test retries. */
    public void failNextReads(int n, RuntimeException failure) {
        failNextReads = failure;
        failuresLeft = n;
    }

    @Override
    public String description() {
        return "in-memory store";
    }

    @Override
    public synchronized Optional<Instrument> instrument(Symbol symbol) {
        return Optional.ofNullable(instruments.get(symbol));
    }

    private final Map<Symbol, io.sessionflow.corporate.FactorFile> factorFiles = new TreeMap<>();
    private final Map<Symbol, io.sessionflow.corporate.MapFile> mapFiles = new TreeMap<>();
    private final Map<List<Object>, io.sessionflow.corporate.CorporateAction> actions = new HashMap<>();

    @Override
    public synchronized void recordFactorFile(io.sessionflow.corporate.FactorFile file) {
        factorFiles.put(file.symbol(), file);
    }

    @Override
    public synchronized void recordMapFile(io.sessionflow.corporate.MapFile file) {
        mapFiles.put(file.symbol(), file);
    }

    @Override
    public synchronized void recordCorporateActions(Collection<io.sessionflow.corporate.CorporateAction> given) {
        given.forEach(a -> actions.put(List.of(a.symbol(), a.exDate(), a.kind()), a));
    }

    @Override
    public synchronized Optional<io.sessionflow.corporate.FactorFile> factorFile(Symbol symbol) {
        return Optional.ofNullable(factorFiles.get(symbol));
    }

    @Override
    public synchronized Optional<io.sessionflow.corporate.MapFile> mapFile(Symbol symbol) {
        return Optional.ofNullable(mapFiles.get(symbol));
    }

    @Override
    public synchronized List<io.sessionflow.corporate.CorporateAction> corporateActions(Symbol symbol) {
        return actions.values().stream().filter(a -> a.symbol().equals(symbol))
                .sorted(java.util.Comparator.comparing(io.sessionflow.corporate.CorporateAction::exDate)
                        .thenComparing(a -> a.kind().label())).toList();
    }

    @Override
    public synchronized Optional<Symbol> securityTradedAs(Symbol ticker, java.time.LocalDate date) {
        return mapFiles.values().stream().filter(m -> m.tickerOn(date).filter(ticker::equals).isPresent())
                .map(io.sessionflow.corporate.MapFile::symbol).findFirst();
    }

    @Override
    public synchronized void recordInstruments(Collection<Instrument> given) {
        for (Instrument i : given) {
            Instrument known = instruments.get(i.symbol());
            if (known != null && known.assetClass() != i.assetClass()) {
                throw new IllegalArgumentException(i.symbol() + " is stored as " + known.assetClass() + ", not "
                        + i.assetClass());
            }
        }
        given.forEach(i -> instruments.putIfAbsent(i.symbol(), i));
    }

    @Override
    public synchronized UpsertResult upsertBars(BarSeries series) {
        long inserted = 0;
        long updated = 0;
        long unchanged = 0;
        java.util.Set<List<Object>> seen = new java.util.HashSet<>();
        for (Bar b : series) {
            if (!seen.add(List.of(b.symbol(), b.start()))) {
                throw new IllegalArgumentException("bar " + b.symbol() + " " + b.start() + " appears twice");
            }
        }
        for (Bar b : series) {
            Bar clean = b.withFlags(0);
            Bar old = bars.computeIfAbsent(new BarKey(b.symbol(), b.interval().minutes()), k -> new TreeMap<>())
                    .put(Micros.of(b.start()), clean);
            if (old == null) {
                inserted++;
            } else if (old.sameValues(clean)) {
                unchanged++;
            } else {
                updated++;
            }
        }
        return new UpsertResult(inserted, updated, unchanged);
    }

    @Override
    public synchronized BarSeries readBars(Symbol symbol, Interval interval, TimeRange range) {
        return readBars(List.of(symbol), interval, range);
    }

    @Override
    public synchronized BarSeries readBars(Collection<Symbol> symbols, Interval interval, TimeRange range) {
        countRead();
        BarSeries.Builder out = BarSeries.builder(interval);
        for (Symbol s : new TreeSet<>(symbols)) {
            NavigableMap<Long, Bar> m = bars.get(new BarKey(s, interval.minutes()));
            if (m != null) {
                m.subMap(range.startMicros(), true, range.endMicros(), false).values().forEach(out::add);
            }
        }
        return out.build();
    }

    @Override
    public synchronized List<Coverage> barCoverage() {
        return coverage(bars, StreamType.BARS);
    }

    /** The extent of each (symbol, interval) series of {@code byKey}, by symbol then interval. */
    private static List<Coverage> coverage(Map<BarKey, ? extends NavigableMap<Long, ?>> byKey, StreamType type) {
        List<Coverage> out = new ArrayList<>();
        byKey.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(BarKey::symbol)
                        .thenComparingInt(BarKey::interval)))
                .filter(e -> !e.getValue().isEmpty())
                .forEach(e -> out.add(new Coverage(e.getKey().symbol(), type, e.getKey().interval(),
                        Micros.toInstant(e.getValue().firstKey()), Micros.toInstant(e.getValue().lastKey()),
                        e.getValue().size())));
        return out;
    }

    @Override
    public synchronized UpsertResult upsertQuoteBars(QuoteBarSeries series) {
        long inserted = 0;
        long updated = 0;
        long unchanged = 0;
        for (QuoteBar b : series) {
            QuoteBar clean = new QuoteBar(b.symbol(), b.start(), b.interval(), b.bidOpen(), b.bidHigh(), b.bidLow(),
                    b.bidClose(), b.bidSize(), b.askOpen(), b.askHigh(), b.askLow(), b.askClose(), b.askSize(), 0);
            QuoteBar old = quoteBars.computeIfAbsent(new BarKey(b.symbol(), b.interval().minutes()),
                    k -> new TreeMap<>()).put(Micros.of(b.start()), clean);
            if (old == null) {
                inserted++;
            } else if (old.sameValues(clean)) {
                unchanged++;
            } else {
                updated++;
            }
        }
        return new UpsertResult(inserted, updated, unchanged);
    }

    @Override
    public synchronized QuoteBarSeries readQuoteBars(Collection<Symbol> symbols, Interval interval, TimeRange range) {
        countRead();
        QuoteBarSeries.Builder out = QuoteBarSeries.builder(interval);
        for (Symbol s : new TreeSet<>(symbols)) {
            NavigableMap<Long, QuoteBar> m = quoteBars.get(new BarKey(s, interval.minutes()));
            if (m != null) {
                m.subMap(range.startMicros(), true, range.endMicros(), false).values().forEach(out::add);
            }
        }
        return out.build();
    }

    @Override
    public synchronized List<Coverage> quoteBarCoverage() {
        return coverage(quoteBars, StreamType.QUOTE_BARS);
    }

    @Override
    public synchronized UpsertResult upsertQuotes(QuoteSeries series) {
        return upsertTicks(series, quotes);
    }

    @Override
    public synchronized QuoteSeries readQuotes(Collection<Symbol> symbols, TimeRange range) {
        countRead();
        QuoteSeries.Builder out = QuoteSeries.builder();
        for (Symbol s : new TreeSet<>(symbols)) {
            NavigableMap<TickKey, Quote> m = quotes.get(s);
            if (m != null) {
                m.subMap(new TickKey(range.startMicros(), Integer.MIN_VALUE), true,
                        new TickKey(range.endMicros(), Integer.MIN_VALUE), false).values().forEach(out::add);
            }
        }
        return out.build();
    }

    @Override
    public synchronized List<Coverage> quoteCoverage() {
        return tickCoverage(quotes, StreamType.QUOTES);
    }

    @Override
    public synchronized UpsertResult upsertTrades(TradeSeries series) {
        return upsertTicks(series, trades);
    }

    @Override
    public synchronized TradeSeries readTrades(Collection<Symbol> symbols, TimeRange range) {
        countRead();
        TradeSeries.Builder out = TradeSeries.builder();
        for (Symbol s : new TreeSet<>(symbols)) {
            NavigableMap<TickKey, Trade> m = trades.get(s);
            if (m != null) {
                m.subMap(new TickKey(range.startMicros(), Integer.MIN_VALUE), true,
                        new TickKey(range.endMicros(), Integer.MIN_VALUE), false).values().forEach(out::add);
            }
        }
        return out.build();
    }

    @Override
    public synchronized List<Coverage> tradeCoverage() {
        return tickCoverage(trades, StreamType.TRADES);
    }

    @Override
    public void close() {
        // nothing to release
    }

    private <T> UpsertResult upsertTicks(ColumnSeries<T, ?> series, Map<Symbol, NavigableMap<TickKey, T>> store) {
        long inserted = 0;
        long updated = 0;
        long unchanged = 0;
        Map<List<Object>, Integer> seqs = new HashMap<>();
        for (int i = 0; i < series.size(); i++) {
            Symbol s = series.symbol(i);
            long t = series.timeMicros(i);
            int seq = seqs.merge(List.of(s, t), 1, Integer::sum) - 1;
            T old = store.computeIfAbsent(s, k -> new TreeMap<>()).put(new TickKey(t, seq), series.get(i));
            if (old == null) {
                inserted++;
            } else if (old.equals(series.get(i))) {
                unchanged++;
            } else {
                updated++;
            }
        }
        return new UpsertResult(inserted, updated, unchanged);
    }

    private <T> List<Coverage> tickCoverage(Map<Symbol, NavigableMap<TickKey, T>> store, StreamType type) {
        List<Coverage> out = new ArrayList<>();
        new TreeMap<>(store).forEach((s, m) -> {
            if (!m.isEmpty()) {
                out.add(new Coverage(s, type, 0, Micros.toInstant(m.firstKey().micros()),
                        Micros.toInstant(m.lastKey().micros()), m.size()));
            }
        });
        return out;
    }

    private void countRead() {
        reads.incrementAndGet();
        RuntimeException failure = failNextReads;
        if (failure != null && failuresLeft > 0) {
            failuresLeft--;
            throw failure;
        }
    }
}
