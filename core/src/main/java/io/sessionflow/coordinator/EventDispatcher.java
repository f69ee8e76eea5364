package io.sessionflow.coordinator;

import io.sessionflow.api.MarketDataListener;
import io.sessionflow.domain.BarBuffer;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.QuoteBarBuffer;
import io.sessionflow.domain.QuoteBarSeries;
import io.sessionflow.domain.QuoteSeries;
import io.sessionflow.domain.SeriesCursor;
import io.sessionflow.domain.TradeSeries;
import io.sessionflow.session.SessionDataWriter;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Applies delivered events to SessionData through its writer and tells the listeners: a 1m bar, then the derived
 * bars it completed or revised; a 1m quote bar, then the derived quote bars it completed or revised; quotes, trades
 * and completeness-check results; and the derived windows that a time
 * boundary closes. It counts what it delivers.
 *
 * <p>Threading: coordinator thread only.
 */
final class EventDispatcher implements EventBatch.Delivery {

    private final SessionDataWriter writer;
    private final StreamRegistry registry;
    private final Interval[] derived;
    private final int[] scratch = new int[Interval.MAX_MINUTES];
    /** Per derived interval, the first window a flush passed. */
    private final int[] passedFrom;
    /** Per symbol, the minutes checks confirmed missing this session (live checks do not ask for them again). */
    private final Map<SymbolChannel, BitSet> confirmed = new HashMap<>();
    private long openMicros;
    private long closeMicros;
    private long events;
    /** The listeners' view of the 1m bar being delivered, and of the derived bar: filled per bar, never allocated. */
    private final BarBuffer oneMinute = new BarBuffer();
    private final BarBuffer derivedBar = new BarBuffer();
    /** The listeners' views of the quote and the trade being delivered: pointed at their row, never allocated. */
    private final SeriesCursor.OfQuote quote = new SeriesCursor.OfQuote();
    private final SeriesCursor.OfTrade trade = new SeriesCursor.OfTrade();
    private final QuoteBarBuffer oneMinuteQuote = new QuoteBarBuffer();
    private final QuoteBarBuffer derivedQuote = new QuoteBarBuffer();

    EventDispatcher(SessionDataWriter writer, StreamRegistry registry, Interval[] derived) {
        this.writer = writer;
        this.registry = registry;
        this.derived = derived;
        this.passedFrom = new int[derived.length];
    }

    void beginSession(long open, long close) {
        openMicros = open;
        closeMicros = close;
        confirmed.clear();
    }

    /** See {@link SessionDataWriter#windowEndsBeforeClose}. */
    long[] windowEndsBeforeClose(io.sessionflow.calendar.TradingSession session) {
        return writer.windowEndsBeforeClose(session);
    }

    /** Events delivered so far, session starts and ends included. */
    long events() {
        return events;
    }

    /** Counts an event that is not market data (a session start or end). */
    void countEvent() {
        events++;
    }

    BitSet confirmedMissing(SymbolChannel ch) {
        return confirmed.getOrDefault(ch, new BitSet());
    }

    @Override
    public void bar(EventBatch.Bars b, int i, SymbolChannel ch) {
        if (ch == null || !ch.bars()) {
            return;
        }
        BarSeries s = b.series;
        deliverBar(ch, s.startMicros(i), s.open(i), s.high(i), s.low(i), s.close(i), s.volume(i), s.tradeCount(i),
                s.vwap(i), s.flags(i));
    }

    @Override
    public void quoteBar(EventBatch.QuoteBars b, int i, SymbolChannel ch) {
        if (ch == null || !ch.quoteBars()) {
            return;
        }
        QuoteBarSeries s = b.series;
        long start = s.startMicros(i);
        int mask = writer.applyQuoteBar(ch.data, start, s.bidOpen(i), s.bidHigh(i), s.bidLow(i), s.bidClose(i),
                s.bidSize(i), s.askOpen(i), s.askHigh(i), s.askLow(i), s.askClose(i), s.askSize(i));
        if (mask < 0) {
            return;
        }
        events++;
        ListenerSet ls = registry.listeners();
        if (ls.quoteBars.length > 0) {
            QuoteBarBuffer bar = oneMinuteQuote.set(ch.symbol, start, Interval.ONE_MINUTE, s.bidOpen(i), s.bidHigh(i),
                    s.bidLow(i), s.bidClose(i), s.bidSize(i), s.askOpen(i), s.askHigh(i), s.askLow(i), s.askClose(i),
                    s.askSize(i), s.flags(i));
            for (MarketDataListener l : ls.quoteBars) {
                l.onQuoteBarView(bar);
            }
        }
        if (mask != 0) {
            int minute = (int) ((start - openMicros) / Micros.PER_MINUTE);
            for (int k = 0; k < derived.length; k++) {
                if ((mask & (1 << k)) != 0) {
                    publishDerivedQuote(ch, k, writer.quoteWindowOf(ch.data, k, minute), ls.derivedQuoteBars);
                }
            }
        }
    }

    private void publishDerivedQuote(SymbolChannel ch, int k, int window, MarketDataListener[] ls) {
        events++;
        if (ls.length > 0) {
            QuoteBarBuffer d = writer.readDerivedQuoteBar(ch.data, k, window, derivedQuote);
            for (MarketDataListener l : ls) {
                l.onDerivedQuoteBarView(d);
            }
        }
    }

    @Override
    public void quote(EventBatch.Quotes q, int i, SymbolChannel ch) {
        if (ch == null || !ch.quotes()) {
            return;
        }
        QuoteSeries s = q.series;
        writer.addQuote(ch.data, s.timeMicros(i), s.bid(i), s.ask(i), s.bidSize(i), s.askSize(i));
        events++;
        MarketDataListener[] ls = registry.listeners().quotes;
        if (ls.length > 0) {
            quote.at(s, i);
            for (MarketDataListener l : ls) {
                l.onQuoteView(quote);
            }
        }
    }

    @Override
    public void trade(EventBatch.Trades t, int i, SymbolChannel ch) {
        if (ch == null || !ch.trades()) {
            return;
        }
        TradeSeries s = t.series;
        writer.addTrade(ch.data, s.timeMicros(i), s.price(i), s.tradeSize(i));
        events++;
        MarketDataListener[] ls = registry.listeners().trades;
        if (ls.length > 0) {
            trade.at(s, i);
            for (MarketDataListener l : ls) {
                l.onTradeView(trade);
            }
        }
    }

    @Override
    public void check(CheckBatch c, int i, SymbolChannel ch) {
        if (ch == null || !ch.bars()) {
            return;
        }
        for (long m : c.missing(i)) {
            if (m >= openMicros && m < closeMicros) {
                int minute = (int) ((m - openMicros) / Micros.PER_MINUTE);
                writer.markConfirmedMissing(ch.data, minute);
                confirmed.computeIfAbsent(ch, k -> new BitSet()).set(minute);
            }
        }
        BarSeries repairs = c.bars(i);
        for (int r = 0; r < repairs.size(); r++) {
            long start = repairs.startMicros(r);
            if (start < openMicros || start >= closeMicros) {
                continue;
            }
            deliverBar(ch, start, repairs.open(r), repairs.high(r), repairs.low(r), repairs.close(r),
                    repairs.volume(r), repairs.tradeCount(r), repairs.vwap(r), repairs.flags(r));
        }
    }

    /**
     * Applies a 1m bar to SessionData; when it changed something, tells subscribers of it, then of the derived bars it
     * completed or revised. The listeners' view holds the values already read, not read again from its series.
     */
    private void deliverBar(SymbolChannel ch, long start, double o, double h, double l, double c, double v, long tc,
                            double vw, int flags) {
        int mask = writer.applyBar(ch.data, start, o, h, l, c, v, tc, vw, flags);
        if (mask < 0) {
            return;
        }
        events++;
        ListenerSet ls = registry.listeners();
        if (ls.bars.length > 0) {
            BarBuffer bar = oneMinute.set(ch.symbol, start, Interval.ONE_MINUTE, o, h, l, c, v, tc, vw, flags);
            for (MarketDataListener listener : ls.bars) {
                listener.onBarView(bar);
            }
        }
        if (mask != 0) {
            int minute = (int) ((start - openMicros) / Micros.PER_MINUTE);
            for (int k = 0; k < derived.length; k++) {
                if ((mask & (1 << k)) != 0) {
                    publishDerived(ch, k, writer.windowOf(ch.data, k, minute), ls.derivedBars);
                }
            }
        }
    }

    private void publishDerived(SymbolChannel ch, int k, int window, MarketDataListener[] ls) {
        events++;
        if (ls.length > 0) {
            BarBuffer d = writer.readDerivedBar(ch.data, k, window, derivedBar);
            for (MarketDataListener l : ls) {
                l.onDerivedBarView(d);
            }
        }
    }

    /** Delivers, by symbol then interval, the derived windows that ended at or before {@code boundary}. */
    void flushWindows(long boundary) {
        if (derived.length == 0) {
            return;
        }
        boolean due = writer.passWindows(boundary, passedFrom);
        if (!due && !registry.anyQuoteBars()) {
            return;  // no symbol's window that passed holds bars not delivered: nobody to visit
        }
        ListenerSet ls = registry.listeners();
        for (SymbolChannel ch : registry.channels()) {
            if (due && ch.bars()) {
                for (int k = 0; k < derived.length; k++) {
                    int n = writer.flushWindows(ch.data, k, passedFrom[k], scratch);
                    for (int j = 0; j < n; j++) {
                        publishDerived(ch, k, scratch[j], ls.derivedBars);
                    }
                }
            }
            if (ch.quoteBars()) {
                // after the symbol's trade windows: at one boundary a derived trade bar goes before its quote bar
                for (int k = 0; k < derived.length; k++) {
                    int n = writer.flushQuoteWindows(ch.data, k, boundary, scratch);
                    for (int j = 0; j < n; j++) {
                        publishDerivedQuote(ch, k, scratch[j], ls.derivedQuoteBars);
                    }
                }
            }
        }
    }
}
