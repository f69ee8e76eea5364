package io.sessionflow.api;

import io.sessionflow.calendar.TradingSession;
import io.sessionflow.corporate.CorporateAction;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarView;
import io.sessionflow.domain.Quote;
import io.sessionflow.domain.QuoteBar;
import io.sessionflow.domain.QuoteBarView;
import io.sessionflow.domain.QuoteView;
import io.sessionflow.domain.Trade;
import io.sessionflow.domain.TradeView;

/**
 * A subscriber to the merged stream. Every method runs on the coordinator thread, in delivery order, after
 * SessionData holds the event; a slow listener slows the coordinator (back-pressure), and one that throws ends the
 * run with that failure.
 */
public interface MarketDataListener {

    default void onSessionStart(TradingSession session) {
    }

    /**
     * A split or dividend whose ex-date is the session that just started, delivered after {@link #onSessionStart}
     * and before the session's first bar, for symbols whose bars are registered and which the run has factors for.
     */
    default void onCorporateAction(CorporateAction action) {
    }

    /** A 1m bar: from its stream, or inserted by gap repair ({@link Bar#isFilled()}, {@link Bar#isSynthetic()}). */
    default void onBar(Bar bar) {
    }

    /**
     * A 1m bar, read in place: the view is valid during this call only, and {@link BarView#toBar()} gives a value to
     * keep. A listener that overrides this instead of {@link #onBar} costs the coordinator no allocation per bar. By
     * default it calls {@link #onBar} with the bar's value (one value per bar, whatever the number of listeners). A
     * listener overrides one of the two; one that forwards bars to another listener forwards this method.
     */
    default void onBarView(BarView bar) {
        onBar(bar.toBar());
    }

    /** A derived bar, final or {@link Bar#isRevised() revised}; {@link Bar#isPartial() partial} when cut short. */
    default void onDerivedBar(Bar bar) {
    }

    /** A derived bar, read in place: as {@link #onBarView} for {@link #onDerivedBar}. */
    default void onDerivedBarView(BarView bar) {
        onDerivedBar(bar.toBar());
    }

    /** A 1m quote bar from its stream. */
    default void onQuoteBar(QuoteBar bar) {
    }

    /** A 1m quote bar, read in place: as {@link #onBarView} for {@link #onQuoteBar}. */
    default void onQuoteBarView(QuoteBarView bar) {
        onQuoteBar(bar.toQuoteBar());
    }

    /** A derived quote bar, final or revised; partial when cut short (flags as for derived trade bars). */
    default void onDerivedQuoteBar(QuoteBar bar) {
    }

    /** A derived quote bar, read in place: as {@link #onBarView} for {@link #onDerivedQuoteBar}. */
    default void onDerivedQuoteBarView(QuoteBarView bar) {
        onDerivedQuoteBar(bar.toQuoteBar());
    }

    default void onQuote(Quote quote) {
    }

    /** A quote, read in place: as {@link #onBarView} for {@link #onQuote}. */
    default void onQuoteView(QuoteView quote) {
        onQuote(quote.toQuote());
    }

    default void onTrade(Trade trade) {
    }

    /** A trade, read in place: as {@link #onBarView} for {@link #onTrade}. */
    default void onTradeView(TradeView trade) {
        onTrade(trade.toTrade());
    }

    default void onSessionEnd(SessionEnd end) {
    }

    /** Called once when the run ends, normally or not; nothing follows. */
    default void onRunEnd() {
    }

}
