package io.sessionflow.storage;

import io.sessionflow.calendar.TradingCalendar;
import java.time.Clock;

/**
 * Stores made from other stores.
 *
 * <p>Stateless; safe from any thread.
 */
public final class MarketDataStores {

    private MarketDataStores() {
    }

    /**
     * {@code store} with its 1m gaps filled from {@code provider}, with {@link BackfillPolicy#DEFAULT}: a 1m read that
     * lacks minutes of the calendar's sessions which have ended by {@code clock}'s time asks the provider for them,
     * writes what it gets into {@code store} and returns the merged bars. See {@link #withBarBackfill(MarketDataStore,
     * HistoricalBars, TradingCalendar, Clock, BackfillPolicy)}.
     */
    public static MarketDataStore withBarBackfill(MarketDataStore store, HistoricalBars provider,
                                                  TradingCalendar calendar, Clock clock) {
        return withBarBackfill(store, provider, calendar, clock, BackfillPolicy.DEFAULT);
    }

    /**
     * {@code store} with its 1m gaps filled from {@code provider}. Reads of 1m bars go to {@code store} first; the
     * minutes the range asks for that are inside a session of {@code calendar}, have ended by {@code clock}'s time and
     * that {@code store} lacks are fetched from {@code provider} (one fetch per session, over the span from the first
     * to the last missing minute, for the symbols that lack any), written into {@code store} (so that later reads,
     * repairs and tomorrow's history find them) and returned with the stored bars. Other intervals, quotes, trades,
     * coverage and writes go to {@code store} unchanged; {@link MarketDataStore#close()} closes {@code store}.
     *
     * <p>A minute the provider was asked for once, settled ({@link BackfillPolicy#settle()}), is not asked for again.
     * A failing provider never fails a read: the read returns what {@code store} has, one warning is logged for the
     * first failure in a row, and the provider is left alone for {@link BackfillPolicy#failureCooldown()}.
     *
     * @param calendar the calendar the data manager runs on ({@code SessionConfig.calendar}: its session hours and
     *                 segments), so that nights, weekends, holidays and halts, which have no bars, are never asked for
     * @param clock    the market clock ({@code DataManager.builder().live(clock)}'s): nothing after it is asked for
     */
    public static MarketDataStore withBarBackfill(MarketDataStore store, HistoricalBars provider,
                                                  TradingCalendar calendar, Clock clock, BackfillPolicy policy) {
        return new BackfillingStore(store, provider, calendar, clock, policy);
    }
}
