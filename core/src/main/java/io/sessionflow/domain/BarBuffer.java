package io.sessionflow.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A reusable holder of one bar's fields: what the coordinator fills with each bar it delivers to the listeners that
 * read bars in place. Filling it allocates nothing; {@link #start()} makes an instant only when the start changed,
 * and {@link #toBar()} makes one {@link Bar} per fill however often it is called, so that listeners asking for
 * values share it. Its owner fills it only from valid bars: it does not check them again.
 *
 * <p>Not thread-safe: one owner fills it and hands it out for the duration of a call.
 */
public final class BarBuffer implements BarView {

    private Symbol symbol;
    private long startMicros;
    private Interval interval;
    private double open;
    private double high;
    private double low;
    private double close;
    private double volume;
    private long tradeCount;
    private double vwap;
    private int flags;
    private Bar bar;
    private final LastInstant start = new LastInstant();

    /**
     * Holds these fields from now on; they are those of a valid bar.
     *
     * @return this buffer
     */
    public BarBuffer set(Symbol symbol, long startMicros, Interval interval, double open, double high, double low,
                         double close, double volume, long tradeCount, double vwap, int flags) {
        this.symbol = symbol;
        this.startMicros = startMicros;
        this.interval = interval;
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
        this.tradeCount = tradeCount;
        this.vwap = vwap;
        this.flags = flags;
        bar = null;
        return this;
    }

    @Override
    public Symbol symbol() {
        return symbol;
    }

    @Override
    public long startMicros() {
        return startMicros;
    }

    /** The start; the instant is kept until a fill with another start (the bars of a minute share one). */
    @Override
    public Instant start() {
        return start.of(startMicros);
    }

    @Override
    public Interval interval() {
        return interval;
    }

    @Override
    public double open() {
        return open;
    }

    @Override
    public double high() {
        return high;
    }

    @Override
    public double low() {
        return low;
    }

    @Override
    public double close() {
        return close;
    }

    @Override
    public double volume() {
        return volume;
    }

    @Override
    public long tradeCount() {
        return tradeCount;
    }

    @Override
    public double vwap() {
        return vwap;
    }

    @Override
    public int flags() {
        return flags;
    }

    /** The bar held, as a value; the same value until the next fill. */
    @Override
    public Bar toBar() {
        if (bar == null) {
            Objects.requireNonNull(symbol, "an empty bar buffer has no bar");
            bar = new Bar(symbol, start(), interval, open, high, low, close, volume, tradeCount, vwap, flags);
        }
        return bar;
    }

    @Override
    public String toString() {
        return symbol == null ? "BarBuffer[empty]" : "BarBuffer[" + toBar() + "]";
    }
}
