package io.sessionflow.coordinator;

import io.sessionflow.api.MarketDataListener;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarView;
import io.sessionflow.domain.Quote;
import io.sessionflow.domain.QuoteBar;
import io.sessionflow.domain.QuoteBarView;
import io.sessionflow.domain.QuoteView;
import io.sessionflow.domain.Trade;
import io.sessionflow.domain.TradeView;
import java.util.Arrays;
import java.util.Objects;

/**
 * The subscribed listeners in subscription order and, per kind of market event, those that take it: a listener that
 * overrides none of an event's methods is not called for it, so that no value is made for a listener that would
 * drop it (a bars strategy costs the quotes nothing).
 *
 * <p>Immutable: a subscription makes a new set.
 */
final class ListenerSet {

    static final ListenerSet EMPTY = new ListenerSet(new MarketDataListener[0]);

    /** Every listener: for the session and run events, which all of them take. */
    final MarketDataListener[] all;
    final MarketDataListener[] bars;
    final MarketDataListener[] derivedBars;
    final MarketDataListener[] quoteBars;
    final MarketDataListener[] derivedQuoteBars;
    final MarketDataListener[] quotes;
    final MarketDataListener[] trades;

    private ListenerSet(MarketDataListener[] all) {
        this.all = all;
        bars = taking(all, "onBar", Bar.class, "onBarView", BarView.class);
        derivedBars = taking(all, "onDerivedBar", Bar.class, "onDerivedBarView", BarView.class);
        quoteBars = taking(all, "onQuoteBar", QuoteBar.class, "onQuoteBarView", QuoteBarView.class);
        derivedQuoteBars = taking(all, "onDerivedQuoteBar", QuoteBar.class, "onDerivedQuoteBarView",
                QuoteBarView.class);
        quotes = taking(all, "onQuote", Quote.class, "onQuoteView", QuoteView.class);
        trades = taking(all, "onTrade", Trade.class, "onTradeView", TradeView.class);
    }

    ListenerSet with(MarketDataListener listener) {
        Objects.requireNonNull(listener, "listener");
        MarketDataListener[] next = Arrays.copyOf(all, all.length + 1);
        next[all.length] = listener;
        return new ListenerSet(next);
    }

    ListenerSet without(MarketDataListener listener) {
        return new ListenerSet(Arrays.stream(all).filter(l -> l != listener).toArray(MarketDataListener[]::new));
    }

    /** The listeners that override method {@code name(type)} or {@code viewName(viewType)}, in order. */
    private static MarketDataListener[] taking(MarketDataListener[] all, String name, Class<?> type, String viewName,
                                               Class<?> viewType) {
        return Arrays.stream(all).filter(l -> overrides(l, name, type) || overrides(l, viewName, viewType))
                .toArray(MarketDataListener[]::new);
    }

    private static boolean overrides(MarketDataListener l, String name, Class<?> type) {
        try {
            return l.getClass().getMethod(name, type).getDeclaringClass() != MarketDataListener.class;
        } catch (NoSuchMethodException e) {
            throw new AssertionError("MarketDataListener has no " + name + "(" + type.getSimpleName() + ")", e);
        }
    }
}
