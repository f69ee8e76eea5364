package io.sessionflow.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A quote bar covering {@code [start, start + interval)}: the open, high, low and close of the bid and of the ask in
 * the bar, and the size of the last bid and the last ask. It becomes available at its end, never before, like a
 * trade {@link Bar}.
 *
 * <p>A side may be absent (LEAN writes empty fields when there was no bid, or no ask, in the minute): an absent
 * side has all four prices {@code NaN} and size 0 ({@link #hasBid()}, {@link #hasAsk()}). A present side has four
 * finite non-negative prices with its high at or above and its low at or below its open and close, and a finite
 * non-negative size. At least one side is present. Sizes are {@code double}: fractional sizes (crypto) are kept as
 * they are. {@code flags} are those of {@link Bar} ({@link Bar#REVISED}, {@link Bar#PARTIAL} on derived quote bars);
 * quote bars read from a file or from storage have none.
 *
 * <p>Immutable; safe to share between threads.
 */
public record QuoteBar(
        Symbol symbol,
        Instant start,
        Interval interval,
        double bidOpen,
        double bidHigh,
        double bidLow,
        double bidClose,
        double bidSize,
        double askOpen,
        double askHigh,
        double askLow,
        double askClose,
        double askSize,
        int flags) implements QuoteBarView {

    private static final int ALLOWED_FLAGS = Bar.REVISED | Bar.PARTIAL;

    public QuoteBar {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(interval, "interval");
        check(symbol, Micros.of(start), bidOpen, bidHigh, bidLow, bidClose, bidSize, askOpen, askHigh, askLow,
                askClose, askSize, flags);
    }

    /** A quote bar without flags. */
    public static QuoteBar of(Symbol symbol, Instant start, Interval interval, double bidOpen, double bidHigh,
                              double bidLow, double bidClose, double bidSize, double askOpen, double askHigh,
                              double askLow, double askClose, double askSize) {
        return new QuoteBar(symbol, start, interval, bidOpen, bidHigh, bidLow, bidClose, bidSize, askOpen, askHigh,
                askLow, askClose, askSize, 0);
    }

    /**
     * The invariants of a quote bar, shared with {@link QuoteBarSeries.Builder} so that no path makes an invalid one.
     *
     * @throws IllegalArgumentException naming the symbol, the start and the offending value
     */
    static void check(Symbol symbol, long startMicros, double bo, double bh, double bl, double bc, double bs,
                      double ao, double ah, double al, double ac, double as, int flags) {
        String problem = side("bid", bo, bh, bl, bc, bs);
        if (problem == null) {
            problem = side("ask", ao, ah, al, ac, as);
        }
        if (problem == null && Double.isNaN(bo) && Double.isNaN(ao)) {
            problem = "neither a bid nor an ask";
        }
        if (problem == null && (flags & ~ALLOWED_FLAGS) != 0) {
            problem = "unknown flags 0x" + Integer.toHexString(flags);
        }
        if (problem != null) {
            throw new IllegalArgumentException("quote bar " + symbol + " " + Micros.toInstant(startMicros) + ": "
                    + problem);
        }
    }

    /** What is wrong with one side, or null. */
    private static String side(String name, double o, double h, double l, double c, double size) {
        if (!Double.isFinite(size) || size < 0) {
            return name + " size " + size + " is not a finite non-negative number";
        }
        if (Double.isNaN(o) && Double.isNaN(h) && Double.isNaN(l) && Double.isNaN(c)) {
            return size == 0 ? null : name + " is absent (NaN prices) but its size is " + size;
        }
        double[] prices = {o, h, l, c};
        String[] names = {"open", "high", "low", "close"};
        for (int i = 0; i < 4; i++) {
            if (!Double.isFinite(prices[i]) || prices[i] < 0) {
                return name + " " + names[i] + " " + prices[i] + " is not a finite non-negative price";
            }
        }
        if (h < Math.max(o, c)) {
            return name + " high " + h + " is below max(open " + o + ", close " + c + ")";
        }
        if (l > Math.min(o, c)) {
            return name + " low " + l + " is above min(open " + o + ", close " + c + ")";
        }
        return null;
    }

    /** When the bar becomes available: its end. */
    public Instant end() {
        return start.plus(interval.duration());
    }

    @Override
    public long startMicros() {
        return Micros.of(start);
    }

    /** This quote bar itself. */
    @Override
    public QuoteBar toQuoteBar() {
        return this;
    }

    /** Equal market content, bit for bit ({@link Double#compare}), ignoring flags. */
    public boolean sameValues(QuoteBar o) {
        return symbol.equals(o.symbol) && start.equals(o.start) && interval.equals(o.interval)
                && Double.compare(bidOpen, o.bidOpen) == 0 && Double.compare(bidHigh, o.bidHigh) == 0
                && Double.compare(bidLow, o.bidLow) == 0 && Double.compare(bidClose, o.bidClose) == 0
                && Double.compare(bidSize, o.bidSize) == 0 && Double.compare(askOpen, o.askOpen) == 0
                && Double.compare(askHigh, o.askHigh) == 0 && Double.compare(askLow, o.askLow) == 0
                && Double.compare(askClose, o.askClose) == 0 && Double.compare(askSize, o.askSize) == 0;
    }
}
