package io.sessionflow.bars;

import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Quantities;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.Trade;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds 1-minute bars from trade prints, per symbol. Minute {@code [s, s + 1m)} (UTC minutes, which are New York
 * minutes too) gets a bar with open and close the prices of its earliest and latest trade (ties: first and last fed),
 * high and low the extreme prices, volume the sum of sizes, trade count the number of trades and VWAP
 * {@code sum(price * size) / volume} ({@code NaN} when the volume is 0). A minute without trades gets no bar.
 *
 * <p><b>Finality.</b> A symbol's watermark is the later of its latest trade time and the clock given to
 * {@link #advanceTo(long)}. A minute is final, and its bar is emitted (not late), once that watermark reaches
 * {@code s + 1m + grace}: with grace 0, the first trade at or after the minute's end closes it; with a grace, a trade
 * of the next minute closes it only once its time is {@code grace} past the minute's end. Trades of a symbol only
 * move that symbol's watermark (feeds interleave symbols with small disorder); a feed whose trades are time-ordered
 * across symbols, or a clock, calls {@code advanceTo} to close the minutes of quiet symbols. {@link #flush()} closes
 * every open minute at the end of the data.
 *
 * <p><b>Late trades.</b> A trade whose minute is already final when it arrives is late. Within the configured
 * revision window ({@link TradeBarConfig#revisionWindow()}) it is added to its minute and the minute's bar is emitted
 * again at once, {@code late = true}: an updated bar replacing the one emitted before, or the first bar of a minute
 * that had no trade when it became final. The caller delivers it as a correction from the stream (the session
 * replaces the held 1m bar and revises the derived windows containing it). A later trade is dropped and counted
 * ({@link #droppedTrades()}). Trades out of order <em>within</em> an open minute are not late: open and close follow
 * the trade times, not the arrival order.
 *
 * <p>Bars are emitted to the {@link Sink} inside the call that made them: for one symbol in minute order; by
 * {@code advanceTo} and {@code flush} in minute order, then in the order symbols were first seen. Per trade, nothing
 * is allocated once the symbol's first minutes exist (accumulators are reused); one {@link Bar} is allocated per
 * emitted bar.
 *
 * <p>Threading: single writer, not thread-safe. One thread feeds trades and calls {@code advanceTo} and {@code flush};
 * the sink runs on that thread and must not call back into the builder.
 */
public final class TradeBarBuilder {

    /** Receives the bars of a {@link TradeBarBuilder}, on the builder's thread. */
    @FunctionalInterface
    public interface Sink {
        /**
         * One bar of one minute.
         *
         * @param late false when the minute just became final; true when a late trade changed a minute that was
         *             already final (an updated bar, or the first bar of a minute that had no trade then)
         */
        void bar(Bar bar, boolean late);
    }

    /** Trade times beyond this are refused: minute arithmetic on them would overflow. */
    private static final long MAX_TIME = 1L << 60;

    private static final Comparator<Minute> BY_START_THEN_SYMBOL = (a, b) -> {
        int c = Long.compare(a.start, b.start);
        return c != 0 ? c : Integer.compare(a.owner.seq, b.owner.seq);
    };

    private final TradeBarConfig config;
    private final long graceMicros;
    private final long revisionMicros;
    private final Sink sink;
    private final Map<Symbol, SymbolState> states = new HashMap<>();
    private final List<SymbolState> stateList = new ArrayList<>();
    private final List<Minute> pool = new ArrayList<>();
    private final List<Minute> due = new ArrayList<>();
    private long clock = Long.MIN_VALUE;
    /** No open minute of any symbol becomes final before the clock reaches this (a lower bound). */
    private long nextDue = Long.MAX_VALUE;
    private boolean inSink;
    private long trades;
    private long bars;
    private long lateTrades;
    private long lateBars;
    private long droppedTrades;

    public TradeBarBuilder(TradeBarConfig config, Sink sink) {
        this.config = Objects.requireNonNull(config, "config");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.graceMicros = config.graceMicros();
        this.revisionMicros = config.revisionWindowMicros();
    }

    public TradeBarConfig config() {
        return config;
    }

    public void accept(Trade trade) {
        accept(trade.symbol(), Micros.of(trade.time()), trade.price(), trade.size());
    }

    /**
     * Adds one trade; emits the bars it completes (its symbol's minutes now final) or updates (a late trade).
     *
     * @throws IllegalArgumentException when the price is not finite and positive, the size is negative or the time
     *                                  is out of range
     * @throws IllegalStateException    when called from the sink
     */
    public void accept(Symbol symbol, long timeMicros, double price, double size) {
        Objects.requireNonNull(symbol, "symbol");
        enter();
        check(symbol, timeMicros, price, size);
        SymbolState s = states.get(symbol);
        if (s == null) {
            s = new SymbolState(symbol, stateList.size());
            states.put(symbol, s);
            stateList.add(s);
        }
        trades++;
        long start = Math.floorDiv(timeMicros, Micros.PER_MINUTE) * Micros.PER_MINUTE;
        long finalAt = start + Micros.PER_MINUTE + graceMicros;
        long watermark = Math.max(s.lastTrade, clock);
        if (finalAt <= watermark) {
            late(s, start, finalAt, watermark, timeMicros, price, size);
        } else {
            openMinute(s, start).add(timeMicros, price, size);
            nextDue = Math.min(nextDue, finalAt);
        }
        if (timeMicros > s.lastTrade) {
            s.lastTrade = timeMicros;
            closeSymbol(s, Math.max(timeMicros, clock));
        }
    }

    /**
     * Moves the clock (a watermark: no trade before it is expected any more) to {@code timeMicros} and emits the bars
     * of every symbol's minutes that are final now. A time at or before the current clock changes nothing.
     *
     * @throws IllegalStateException when called from the sink
     */
    public void advanceTo(long timeMicros) {
        enter();
        if (timeMicros <= clock) {
            return;
        }
        clock = timeMicros;
        if (timeMicros >= nextDue) {
            closeAll(timeMicros, false);
        }
    }

    /**
     * The end of the data: emits the bars of all open minutes, in minute then symbol order, and moves the clock to
     * the latest of their final times, so that a trade of those minutes fed afterwards is late.
     *
     * @throws IllegalStateException when called from the sink
     */
    public void flush() {
        enter();
        closeAll(Long.MAX_VALUE, true);
    }

    /** Trades accepted (late and dropped ones included). */
    public long trades() {
        return trades;
    }

    /** Bars emitted when their minute became final ({@code late = false}). */
    public long bars() {
        return bars;
    }

    /** Trades that arrived after their minute was final and were added to it. */
    public long lateTrades() {
        return lateTrades;
    }

    /** Bars emitted with {@code late = true}: one per late trade. */
    public long lateBars() {
        return lateBars;
    }

    /** Trades that arrived after their minute's revision window and were left out. */
    public long droppedTrades() {
        return droppedTrades;
    }

    /** Minutes with trades that are not final yet, over all symbols. */
    public int openMinutes() {
        int n = 0;
        for (SymbolState s : stateList) {
            n += s.open.size();
        }
        return n;
    }

    private void enter() {
        if (inSink) {
            throw new IllegalStateException("the sink of a TradeBarBuilder called back into it");
        }
    }

    private static void check(Symbol symbol, long timeMicros, double price, double size) {
        if (timeMicros > MAX_TIME || timeMicros < -MAX_TIME) {
            throw new IllegalArgumentException("trade " + symbol + ": time " + timeMicros + " us is out of range");
        }
        // The same rules as a Trade record, without allocating one per print.
        String badSize = Quantities.problem("size", size);
        if (!Double.isFinite(price) || price <= 0 || badSize != null) {
            throw new IllegalArgumentException("trade " + symbol + " " + Micros.toInstant(timeMicros) + ": "
                    + (badSize != null ? badSize : "price " + price + " is not a finite positive price"));
        }
    }

    /** The open minute starting at {@code start}, created in its place (starts ascending) when absent. */
    private Minute openMinute(SymbolState s, long start) {
        List<Minute> open = s.open;
        int i = open.size();
        while (i > 0 && open.get(i - 1).start > start) {
            i--;
        }
        if (i > 0 && open.get(i - 1).start == start) {
            return open.get(i - 1);
        }
        Minute m = take(s, start);
        open.add(i, m);
        return m;
    }

    private void late(SymbolState s, long start, long finalAt, long watermark, long timeMicros, double price,
                      double size) {
        if (finalAt + revisionMicros <= watermark) {
            droppedTrades++;
            return;
        }
        List<Minute> recent = s.recent;
        int i = recent.size();
        while (i > 0 && recent.get(i - 1).start > start) {
            i--;
        }
        Minute m;
        if (i > 0 && recent.get(i - 1).start == start) {
            m = recent.get(i - 1);
        } else {
            m = take(s, start);
            recent.add(i, m);
        }
        m.add(timeMicros, price, size);
        lateTrades++;
        lateBars++;
        emit(m, true);
    }

    /** Emits {@code s}'s open minutes that are final at {@code watermark}, then forgets those past revision. */
    private void closeSymbol(SymbolState s, long watermark) {
        while (!s.open.isEmpty() && s.open.get(0).start + Micros.PER_MINUTE + graceMicros <= watermark) {
            Minute m = s.open.remove(0);
            s.recent.add(m);
            bars++;
            emit(m, false);
        }
        evict(s, watermark);
    }

    /**
     * Emits every symbol's open minutes final at the clock {@code watermark} (all of them when {@code everything}),
     * sorted by start then symbol, and recomputes {@link #nextDue}.
     */
    private void closeAll(long watermark, boolean everything) {
        due.clear();
        long next = Long.MAX_VALUE;
        long latestFinal = Long.MIN_VALUE;
        for (SymbolState s : stateList) {
            long w = Math.max(s.lastTrade, watermark);
            while (!s.open.isEmpty()) {
                Minute m = s.open.get(0);
                long finalAt = m.start + Micros.PER_MINUTE + graceMicros;
                if (!everything && finalAt > w) {
                    next = Math.min(next, finalAt);
                    break;
                }
                s.open.remove(0);
                s.recent.add(m);
                due.add(m);
                latestFinal = Math.max(latestFinal, finalAt);
            }
        }
        nextDue = next;
        if (everything && latestFinal > clock) {
            clock = latestFinal;
        }
        due.sort(BY_START_THEN_SYMBOL);
        try {
            for (Minute m : due) {
                bars++;
                emit(m, false);
            }
        } finally {
            due.clear();
            for (SymbolState s : stateList) {
                evict(s, Math.max(s.lastTrade, clock));
            }
        }
    }

    /** Returns to the pool the final minutes whose revision window has passed at {@code watermark}. */
    private void evict(SymbolState s, long watermark) {
        List<Minute> recent = s.recent;
        int n = 0;
        while (n < recent.size()
                && recent.get(n).start + Micros.PER_MINUTE + graceMicros + revisionMicros <= watermark) {
            pool.add(recent.get(n));
            n++;
        }
        if (n > 0) {
            recent.subList(0, n).clear();
        }
    }

    private Minute take(SymbolState owner, long start) {
        Minute m = pool.isEmpty() ? new Minute() : pool.remove(pool.size() - 1);
        m.reset(owner, start);
        return m;
    }

    private void emit(Minute m, boolean late) {
        Bar bar = m.toBar();
        inSink = true;
        try {
            sink.bar(bar, late);
        } finally {
            inSink = false;
        }
    }

    /** One symbol's state: open minutes (not final, starts ascending) and recent final ones (still revisable). */
    private static final class SymbolState {
        final Symbol symbol;
        final int seq;
        final List<Minute> open = new ArrayList<>(4);
        final List<Minute> recent = new ArrayList<>(16);
        long lastTrade = Long.MIN_VALUE;

        SymbolState(Symbol symbol, int seq) {
            this.symbol = symbol;
            this.seq = seq;
        }
    }

    /** The running aggregate of one symbol's minute; reused from the pool. */
    private static final class Minute {
        SymbolState owner;
        long start;
        long openTime;
        long closeTime;
        double open;
        double high;
        double low;
        double close;
        double volume;
        long count;
        double notional;

        void reset(SymbolState newOwner, long newStart) {
            owner = newOwner;
            start = newStart;
            count = 0;
            volume = 0;
            notional = 0;
        }

        void add(long time, double price, double size) {
            if (count == 0) {
                openTime = time;
                closeTime = time;
                open = price;
                high = price;
                low = price;
                close = price;
            } else {
                if (time < openTime) {  // strictly earlier: among equal times the first fed opens
                    openTime = time;
                    open = price;
                }
                if (time >= closeTime) {  // equal times: the last fed closes
                    closeTime = time;
                    close = price;
                }
                high = Math.max(high, price);
                low = Math.min(low, price);
            }
            count++;
            volume += size;  // exact for integral sizes while the sum stays below 2^53
            notional += price * size;
        }

        Bar toBar() {
            return new Bar(owner.symbol, Micros.toInstant(start), Interval.ONE_MINUTE, open, high, low, close, volume,
                    count, volume > 0 ? notional / volume : Double.NaN, 0);
        }
    }
}
