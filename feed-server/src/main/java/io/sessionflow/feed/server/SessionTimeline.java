package io.sessionflow.feed.server;

import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.QuoteSeries;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TradeSeries;
import io.sessionflow.feed.alpaca.AlpacaWire;
import io.sessionflow.storage.MarketDataStore;
import java.util.ArrayList;
import java.util.List;

/**
 * One session's stored events in play order, with a cursor: the 1m bars (at their end), quotes and trades of the
 * plan's symbols with times in the session window, merged by availability time, ties by stream type (bar, quote,
 * trade) then symbol, then stored order. Points are encoded to Alpaca JSON on first use ({@link Point#json()}).
 *
 * <p>Threading: confined to the sender thread (the first one is loaded on the thread that starts the server, before
 * the sender starts).
 */
final class SessionTimeline {

    /** One event to send: its stream type and symbol (for the subscriptions) and its wire form. */
    static final class Point {
        final StreamType type;
        final Symbol symbol;
        private final SessionTimeline owner;
        private final int row;
        private String json;

        private Point(SessionTimeline owner, StreamType type, int row, Symbol symbol) {
            this.owner = owner;
            this.type = type;
            this.row = row;
            this.symbol = symbol;
        }

        /** The JSON object of this point, shifted as the plan says; computed once. */
        String json() {
            if (json == null) {
                json = owner.encode(type, row);
            }
            return json;
        }
    }

    private final TradingSession session;
    private ReplayPlan plan;
    private final long shiftMicros;
    private final BarSeries bars;
    private final QuoteSeries quotes;
    private final TradeSeries trades;
    private int bar;
    private int quote;
    private int trade;

    private SessionTimeline(TradingSession session, ReplayPlan plan, BarSeries bars, QuoteSeries quotes,
                            TradeSeries trades) {
        this.session = session;
        this.plan = plan;
        this.shiftMicros = plan.shift().toNanos() / 1_000;
        this.bars = bars;
        this.quotes = quotes;
        this.trades = trades;
    }

    /** Reads the session's data of the plan's symbols and stream types from {@code store}. */
    static SessionTimeline load(MarketDataStore store, TradingSession session, ReplayPlan plan) {
        List<Symbol> symbols = List.copyOf(plan.symbols());
        BarSeries bars = plan.streams().contains(StreamType.BARS)
                ? store.readBars(symbols, Interval.ONE_MINUTE, session.range()).sortedByTimeThenSymbol()
                : BarSeries.empty(Interval.ONE_MINUTE);
        QuoteSeries quotes = plan.streams().contains(StreamType.QUOTES)
                ? store.readQuotes(symbols, session.range()).sortedByTimeThenSymbol() : QuoteSeries.empty();
        TradeSeries trades = plan.streams().contains(StreamType.TRADES)
                ? store.readTrades(symbols, session.range()).sortedByTimeThenSymbol() : TradeSeries.empty();
        return new SessionTimeline(session, plan, bars, quotes, trades);
    }

    TradingSession session() {
        return session;
    }

    /** Plays on {@code p}'s schedule from now on (the anchor set at the first subscription); same data. */
    void replan(ReplayPlan p) {
        this.plan = p;
    }

    int size() {
        return bars.size() + quotes.size() + trades.size();
    }

    int played() {
        return bar + quote + trade;
    }

    int bars() {
        return bars.size();
    }

    int quotes() {
        return quotes.size();
    }

    int trades() {
        return trades.size();
    }

    boolean done() {
        return played() == size();
    }

    /** The wall time at which the next event plays; {@link Long#MAX_VALUE} when none is left. */
    long nextDueNanos() {
        StreamType next = next();
        return next == null ? Long.MAX_VALUE : plan.dueNanos(availability(next));
    }

    /** Moves past the events due before {@code nowNanos} (they played while the server was down); how many. */
    int skipBefore(long nowNanos) {
        int skipped = 0;
        for (StreamType t = next(); t != null && plan.dueNanos(availability(t)) < nowNanos; t = next()) {
            advance(t);
            skipped++;
        }
        return skipped;
    }

    /** The events due at or before {@code nowNanos}, in play order, at most {@code max}; the cursor moves past them. */
    List<Point> takeDue(long nowNanos, int max) {
        List<Point> out = new ArrayList<>();
        for (StreamType t = next(); t != null && out.size() < max && plan.dueNanos(availability(t)) <= nowNanos;
             t = next()) {
            int row = advance(t);
            Symbol symbol = switch (t) {
                case BARS -> bars.symbol(row);
                case QUOTES -> quotes.symbol(row);
                case TRADES -> trades.symbol(row);
            case QUOTE_BARS -> throw noQuoteBars();
            };
            out.add(new Point(this, t, row, symbol));
        }
        return out;
    }

    /**
     * The stream type of the next event in play order, or null. Each series is in time-then-symbol order already;
     * across them the earliest wins, and at the same time the earlier stream type (the loop runs in enum order).
     */
    private StreamType next() {
        StreamType best = null;
        long bestTime = Long.MAX_VALUE;
        for (StreamType t : StreamType.values()) {
            if (hasNext(t)) {
                long time = availability(t);
                if (best == null || time < bestTime) {
                    best = t;
                    bestTime = time;
                }
            }
        }
        return best;
    }

    private boolean hasNext(StreamType t) {
        return switch (t) {
            case BARS -> bar < bars.size();
            case QUOTES -> quote < quotes.size();
            case TRADES -> trade < trades.size();
            case QUOTE_BARS -> false;  // Alpaca's wire has no quote bars: the server plays none
        };
    }

    /** The availability time of the next event of {@code t}: a bar's end, a quote's or trade's own time. */
    private long availability(StreamType t) {
        return switch (t) {
            case BARS -> bars.endMicros(bar);
            case QUOTES -> quotes.timeMicros(quote);
            case TRADES -> trades.timeMicros(trade);
            case QUOTE_BARS -> throw noQuoteBars();
        };
    }

    private int advance(StreamType t) {
        return switch (t) {
            case BARS -> bar++;
            case QUOTES -> quote++;
            case TRADES -> trade++;
            case QUOTE_BARS -> throw noQuoteBars();
        };
    }

    private static IllegalStateException noQuoteBars() {
        return new IllegalStateException("the feed server plays no quote bars");
    }

    private String encode(StreamType t, int row) {
        return switch (t) {
            case BARS -> AlpacaWire.bar(bars.symbol(row).value(), bars.startMicros(row), bars.open(row),
                    bars.high(row), bars.low(row), bars.close(row), bars.volume(row), bars.tradeCount(row),
                    bars.vwap(row), shiftMicros);
            case QUOTES -> AlpacaWire.quote(quotes.symbol(row).value(), quotes.timeMicros(row), quotes.bid(row),
                    quotes.bidSize(row), quotes.ask(row), quotes.askSize(row), shiftMicros);
            // The trade id is the trade's place in the session: the same on every replay of it.
            case TRADES -> AlpacaWire.trade(trades.symbol(row).value(), trades.timeMicros(row), row + 1L,
                    trades.price(row), trades.tradeSize(row), shiftMicros);
            case QUOTE_BARS -> throw noQuoteBars();
        };
    }
}
