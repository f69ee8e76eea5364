package io.sessionflow.session;

import io.sessionflow.domain.QuoteSeries;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TradeSeries;

/**
 * One symbol's quotes and trades of the current session: two bounded rings, each keeping its newest rows (up to
 * its retention) and counting the ones it dropped.
 *
 * <p>Not thread-safe: guarded by the owning {@link SymbolSessionData}'s lock.
 */
final class TickBook {

    private final Quotes quotes;
    private final Trades trades;

    TickBook(int quoteRetention, int tradeRetention) {
        this.quotes = new Quotes(quoteRetention);
        this.trades = new Trades(tradeRetention);
    }

    void addQuote(long timeMicros, double bid, double ask, double bidSize, double askSize) {
        quotes.add(timeMicros, bid, ask, bidSize, askSize);
    }

    void addTrade(long timeMicros, double price, double size) {
        trades.add(timeMicros, price, size);
    }

    int quoteCount() {
        return quotes.size();
    }

    int tradeCount() {
        return trades.size();
    }

    /** Quotes dropped by the retention this session. */
    long droppedQuotes() {
        return quotes.dropped();
    }

    /** Trades dropped by the retention this session. */
    long droppedTrades() {
        return trades.dropped();
    }

    /** The quotes held, oldest first, as {@code symbol}'s. */
    QuoteSeries quotes(Symbol symbol) {
        QuoteSeries.Builder b = QuoteSeries.builder(quotes.size());
        for (int i = 0; i < quotes.size(); i++) {
            int s = quotes.slot(i);
            b.add(symbol, quotes.time[s], quotes.bid[s], quotes.ask[s], quotes.bidSize[s], quotes.askSize[s]);
        }
        return b.build();
    }

    /** The trades held, oldest first, as {@code symbol}'s. */
    TradeSeries trades(Symbol symbol) {
        TradeSeries.Builder b = TradeSeries.builder(trades.size());
        for (int i = 0; i < trades.size(); i++) {
            int s = trades.slot(i);
            b.add(symbol, trades.time[s], trades.price[s], trades.tradeSize[s]);
        }
        return b.build();
    }

    /** Forgets the finished session's ticks; the dropped counts restart. */
    void clear() {
        quotes.clear();
        trades.clear();
    }

    private static final class Quotes extends TickRing {
        private long[] time;
        private double[] bid;
        private double[] ask;
        private double[] bidSize;
        private double[] askSize;

        Quotes(int retention) {
            super(retention);
            time = new long[capacity()];
            bid = new double[capacity()];
            ask = new double[capacity()];
            bidSize = new double[capacity()];
            askSize = new double[capacity()];
        }

        void add(long t, double b, double a, double bSize, double aSize) {
            int s = claim();
            time[s] = t;
            bid[s] = b;
            ask[s] = a;
            bidSize[s] = bSize;
            askSize[s] = aSize;
        }

        @Override
        void resize(int n) {
            time = unroll(time, n);
            bid = unroll(bid, n);
            ask = unroll(ask, n);
            bidSize = unroll(bidSize, n);
            askSize = unroll(askSize, n);
        }
    }

    private static final class Trades extends TickRing {
        private long[] time;
        private double[] price;
        private double[] tradeSize;

        Trades(int retention) {
            super(retention);
            time = new long[capacity()];
            price = new double[capacity()];
            tradeSize = new double[capacity()];
        }

        void add(long t, double p, double size) {
            int s = claim();
            time[s] = t;
            price[s] = p;
            tradeSize[s] = size;
        }

        @Override
        void resize(int n) {
            time = unroll(time, n);
            price = unroll(price, n);
            tradeSize = unroll(tradeSize, n);
        }
    }
}
