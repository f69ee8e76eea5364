package io.sessionflow.testing;

import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.QuoteSeries;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.domain.TradeSeries;
import io.sessionflow.storage.Coverage;
import io.sessionflow.storage.Instrument;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.storage.UpsertResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A store that records every read and runs a hook before it (to block, fail, perturb timing or check an invariant
 * on the reading thread), then delegates. Thread-safe as its delegate; the hook runs on the reading thread.
 */
public final class HookedStore implements MarketDataStore {

    /** What a read asked for. Immutable. */
    public record Read(String kind, List<Symbol> symbols, TimeRange range, String thread) {
    }

    private final MarketDataStore delegate;
    private final List<Read> reads = Collections.synchronizedList(new ArrayList<>());
    private volatile Consumer<Read> hook = r -> { };
    private volatile Consumer<BarSeries> barWriteHook = b -> { };

    public HookedStore(MarketDataStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** Runs {@code h} before each read, on the reading thread; it may block or throw. */
    public HookedStore onRead(Consumer<Read> h) {
        hook = Objects.requireNonNull(h, "hook");
        return this;
    }

    /** Runs {@code h} before each bar write, on the writing thread; it may block or throw (a failing store). */
    public HookedStore onBarWrite(Consumer<BarSeries> h) {
        barWriteHook = Objects.requireNonNull(h, "hook");
        return this;
    }

    public List<Read> reads() {
        synchronized (reads) {
            return List.copyOf(reads);
        }
    }

    private void before(String kind, Collection<Symbol> symbols, TimeRange range) {
        Read r = new Read(kind, List.copyOf(symbols), range, Thread.currentThread().getName());
        reads.add(r);
        hook.accept(r);
    }

    @Override
    public Optional<Instrument> instrument(Symbol symbol) {
        return delegate.instrument(symbol);
    }

    @Override
    public void recordInstruments(Collection<Instrument> instruments) {
        delegate.recordInstruments(instruments);
    }

    @Override
    public String description() {
        return "hooked " + delegate.description();
    }

    @Override
    public UpsertResult upsertBars(BarSeries bars) {
        barWriteHook.accept(bars);
        return delegate.upsertBars(bars);
    }

    @Override
    public BarSeries readBars(Symbol symbol, Interval interval, TimeRange range) {
        before("bars", List.of(symbol), range);
        return delegate.readBars(symbol, interval, range);
    }

    @Override
    public BarSeries readBars(Collection<Symbol> symbols, Interval interval, TimeRange range) {
        before("bars", symbols, range);
        return delegate.readBars(symbols, interval, range);
    }

    @Override
    public List<Coverage> barCoverage() {
        return delegate.barCoverage();
    }

    @Override
    public UpsertResult upsertQuotes(QuoteSeries quotes) {
        return delegate.upsertQuotes(quotes);
    }

    @Override
    public QuoteSeries readQuotes(Collection<Symbol> symbols, TimeRange range) {
        before("quotes", symbols, range);
        return delegate.readQuotes(symbols, range);
    }

    @Override
    public List<Coverage> quoteCoverage() {
        return delegate.quoteCoverage();
    }

    @Override
    public UpsertResult upsertTrades(TradeSeries trades) {
        return delegate.upsertTrades(trades);
    }

    @Override
    public TradeSeries readTrades(Collection<Symbol> symbols, TimeRange range) {
        before("trades", symbols, range);
        return delegate.readTrades(symbols, range);
    }

    @Override
    public List<Coverage> tradeCoverage() {
        return delegate.tradeCoverage();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
