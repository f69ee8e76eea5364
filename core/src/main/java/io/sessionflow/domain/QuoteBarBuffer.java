package io.sessionflow.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A reusable holder of one quote bar's fields: what the coordinator fills with each quote bar it delivers to the
 * listeners that read them in place, as {@link BarBuffer} for bars. Filling it allocates nothing; {@link #start()}
 * makes an instant only when the start changed, {@link #toQuoteBar()} one value per fill. Its owner fills it only from
 * valid quote bars: it does not check them again.
 *
 * <p>Not thread-safe: one owner fills it and hands it out for the duration of a call.
 */
public final class QuoteBarBuffer implements QuoteBarView {

    private Symbol symbol;
    private long startMicros;
    private Interval interval;
    private final double[] sides = new double[10];
    private int flags;
    private QuoteBar bar;
    private final LastInstant start = new LastInstant();

    /**
     * Holds these fields from now on; they are those of a valid quote bar.
     *
     * @return this buffer
     */
    public QuoteBarBuffer set(Symbol symbol, long startMicros, Interval interval, double bidOpen, double bidHigh,
                              double bidLow, double bidClose, double bidSize, double askOpen, double askHigh,
                              double askLow, double askClose, double askSize, int flags) {
        this.symbol = symbol;
        this.startMicros = startMicros;
        this.interval = interval;
        sides[0] = bidOpen;
        sides[1] = bidHigh;
        sides[2] = bidLow;
        sides[3] = bidClose;
        sides[4] = bidSize;
        sides[5] = askOpen;
        sides[6] = askHigh;
        sides[7] = askLow;
        sides[8] = askClose;
        sides[9] = askSize;
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

    @Override
    public Instant start() {
        return start.of(startMicros);
    }

    @Override
    public Interval interval() {
        return interval;
    }

    @Override
    public double bidOpen() {
        return sides[0];
    }

    @Override
    public double bidHigh() {
        return sides[1];
    }

    @Override
    public double bidLow() {
        return sides[2];
    }

    @Override
    public double bidClose() {
        return sides[3];
    }

    @Override
    public double bidSize() {
        return sides[4];
    }

    @Override
    public double askOpen() {
        return sides[5];
    }

    @Override
    public double askHigh() {
        return sides[6];
    }

    @Override
    public double askLow() {
        return sides[7];
    }

    @Override
    public double askClose() {
        return sides[8];
    }

    @Override
    public double askSize() {
        return sides[9];
    }

    @Override
    public int flags() {
        return flags;
    }

    /** The quote bar held, as a value; the same value until the next fill. */
    @Override
    public QuoteBar toQuoteBar() {
        if (bar == null) {
            Objects.requireNonNull(symbol, "an empty quote bar buffer has no quote bar");
            bar = new QuoteBar(symbol, start(), interval, sides[0], sides[1], sides[2], sides[3], sides[4], sides[5],
                    sides[6], sides[7], sides[8], sides[9], flags);
        }
        return bar;
    }

    @Override
    public String toString() {
        return symbol == null ? "QuoteBarBuffer[empty]" : "QuoteBarBuffer[" + toQuoteBar() + "]";
    }
}
