package io.sessionflow.storage;

import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.domain.TradeSeries;
import java.util.Collection;

/**
 * Trades in storage, keyed like quotes by (symbol, time, sequence among equal timestamps).
 *
 * <p>Thread-safety as for {@link BarRepository}.
 */
public interface TradeStore {

    /** Upserts all trades in one transaction: all or nothing. */
    UpsertResult upsertTrades(TradeSeries trades);

    /** Trades of {@code symbols} with time in {@code range}, ordered by symbol, time, then sequence. */
    TradeSeries readTrades(Collection<Symbol> symbols, TimeRange range);

    java.util.List<Coverage> tradeCoverage();
}
