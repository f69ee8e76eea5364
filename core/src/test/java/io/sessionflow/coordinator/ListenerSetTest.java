package io.sessionflow.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.SessionEnd;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarView;
import io.sessionflow.domain.Quote;
import io.sessionflow.domain.QuoteBar;
import io.sessionflow.domain.QuoteView;
import io.sessionflow.domain.Trade;
import io.sessionflow.domain.TradeView;
import org.junit.jupiter.api.Test;

/** Which listeners take which market events: those overriding one of the event's methods, in subscription order. */
class ListenerSetTest {

    private static final class Bars implements MarketDataListener {
        @Override
        public void onBar(Bar bar) {
        }
    }

    private static final class Views implements MarketDataListener {
        @Override
        public void onBarView(BarView bar) {
        }

        @Override
        public void onDerivedBarView(BarView bar) {
        }
    }

    private static class Ticks implements MarketDataListener {
        @Override
        public void onQuote(Quote quote) {
        }

        @Override
        public void onTrade(Trade trade) {
        }
    }

    /** Takes what its superclass takes, and quote bars. */
    private static final class MoreTicks extends Ticks {
        @Override
        public void onQuoteBar(QuoteBar bar) {
        }

        @Override
        public void onDerivedQuoteBar(QuoteBar bar) {
        }
    }

    /** Reads ticks in place only. */
    private static final class TickViews implements MarketDataListener {
        @Override
        public void onQuoteView(QuoteView quote) {
        }

        @Override
        public void onTradeView(TradeView trade) {
        }
    }

    private static final class SessionsOnly implements MarketDataListener {
        @Override
        public void onSessionEnd(SessionEnd end) {
        }
    }

    @Test
    void eachKindOfEventGoesToTheListenersOverridingOneOfItsMethods() {
        MarketDataListener bars = new Bars();
        MarketDataListener views = new Views();
        MarketDataListener ticks = new Ticks();
        MarketDataListener more = new MoreTicks();
        MarketDataListener sessions = new SessionsOnly();
        MarketDataListener tickViews = new TickViews();

        ListenerSet set = ListenerSet.EMPTY.with(bars).with(views).with(ticks).with(more).with(sessions)
                .with(tickViews);

        assertThat(set.all).containsExactly(bars, views, ticks, more, sessions, tickViews);
        assertThat(set.bars).containsExactly(bars, views);
        assertThat(set.derivedBars).containsExactly(views);
        assertThat(set.quotes).containsExactly(ticks, more, tickViews);
        assertThat(set.trades).containsExactly(ticks, more, tickViews);
        assertThat(set.quoteBars).containsExactly(more);
        assertThat(set.derivedQuoteBars).containsExactly(more);
    }

    @Test
    void aListenerGoneTakesNothing() {
        MarketDataListener bars = new Bars();
        MarketDataListener views = new Views();

        ListenerSet set = ListenerSet.EMPTY.with(bars).with(views).without(bars);

        assertThat(set.all).containsExactly(views);
        assertThat(set.bars).containsExactly(views);
        assertThat(ListenerSet.EMPTY.all).isEmpty();
    }
}
