package io.sessionflow.store.recording;

import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.QuoteSeries;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.domain.TradeSeries;
import io.sessionflow.storage.Coverage;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.storage.StorageException;
import io.sessionflow.storage.UpsertResult;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A store whose next bar upserts fail, before they reach the delegate. Thread-safe as its delegate. */
final class FlakyStore implements MarketDataStore {

    private final MarketDataStore delegate;
    private final AtomicInteger failuresLeft;
    final AtomicInteger barUpserts = new AtomicInteger();

    FlakyStore(MarketDataStore delegate, int failures) {
        this.delegate = delegate;
        this.failuresLeft = new AtomicInteger(failures);
    }

    @Override
    public UpsertResult upsertBars(BarSeries bars) {
        barUpserts.incrementAndGet();
        if (failuresLeft.getAndDecrement() > 0) {
            throw new StorageException("injected failure writing " + bars.size() + " bars");
        }
        return delegate.upsertBars(bars);
    }

    @Override
    public String description() {
        return "flaky " + delegate.description();
    }

    @Override
    public BarSeries readBars(Symbol symbol, Interval interval, TimeRange range) {
        return delegate.readBars(symbol, interval, range);
    }

    @Override
    public BarSeries readBars(Collection<Symbol> symbols, Interval interval, TimeRange range) {
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
