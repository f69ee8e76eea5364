package io.sessionflow.storage;

import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import java.util.Collection;

/**
 * A source of historical 1-minute bars outside the store, such as a market-data vendor's REST API: what
 * {@link MarketDataStores#withBarBackfill} asks for the minutes a store lacks. 1m bars only; the bar at a minute is
 * the vendor's bar starting at that minute.
 *
 * <p>Implementations are safe to call from any thread; the backfilling store calls one fetch at a time.
 */
@FunctionalInterface
public interface HistoricalBars {

    /**
     * The 1m bars of {@code symbols} whose start is in the half-open {@code range}, ordered by symbol then start. A
     * minute without trades has no bar; a symbol without bars is simply absent. It may take a while (paging, rate
     * limits) but returns or throws within a bound of its own.
     *
     * @throws StorageException when the source cannot answer (unreachable, refused, malformed answer), after any
     *                          retries of its own; an interrupted fetch throws it with the interrupt flag set again
     */
    BarSeries fetch(Collection<Symbol> symbols, TimeRange range);
}
