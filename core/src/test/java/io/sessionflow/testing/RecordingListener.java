package io.sessionflow.testing;

import io.sessionflow.calendar.TradingSession;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.SessionEnd;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Quote;
import io.sessionflow.domain.Trade;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Records every delivered event in order, as the records themselves. Thread-safe (synchronized list). */
public final class RecordingListener implements MarketDataListener {

    public final List<Object> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onSessionStart(TradingSession session) {
        events.add(session);
    }

    @Override
    public void onBar(Bar bar) {
        events.add(bar);
    }

    @Override
    public void onDerivedBar(Bar bar) {
        events.add(bar);
    }

    @Override
    public void onQuote(Quote quote) {
        events.add(quote);
    }

    @Override
    public void onTrade(Trade trade) {
        events.add(trade);
    }

    @Override
    public void onSessionEnd(SessionEnd end) {
        events.add(end);
    }

    public <T> List<T> of(Class<T> type) {
        synchronized (events) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }
}
