package io.sessionflow.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * An OHLCV bar covering {@code [start, start + interval)}. It becomes available at its end, never before.
 *
 * <p>{@code volume} is a double so that fractional volumes (crypto) are kept exactly; integral volumes below 2^53
 * are exact too, so sums of US equity volumes do not change. {@code tradeCount} is {@link #NO_TRADE_COUNT} and {@code vwap} is {@code NaN} when the source does not give
 * them. {@code flags} records how the coordinator came by the bar ({@link #FILLED}, {@link #SYNTHETIC},
 * {@link #REVISED}, {@link #PARTIAL}); bars read from a file or from storage have no flags.
 *
 * <p>Immutable; safe to share between threads.
 */
public record Bar(
        Symbol symbol,
        Instant start,
        Interval interval,
        double open,
        double high,
        double low,
        double close,
        double volume,
        long tradeCount,
        double vwap,
        int flags) {

    public static final long NO_TRADE_COUNT = -1;

    /** A 1m bar inserted by gap repair rather than delivered by its stream. */
    public static final int FILLED = 1;
    /** A flat fill-forward bar standing in for a minute that storage does not have. */
    public static final int SYNTHETIC = 1 << 1;
    /** A derived bar recomputed after a 1m bar arrived in its already delivered window. */
    public static final int REVISED = 1 << 2;
    /** A derived bar whose window was cut short by the session end. */
    public static final int PARTIAL = 1 << 3;

    private static final int ALL_FLAGS = FILLED | SYNTHETIC | REVISED | PARTIAL;

    public Bar {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(interval, "interval");
        check(symbol, Micros.of(start), open, high, low, close, volume, tradeCount, vwap, flags);
    }

    /**
     * The invariants of a bar, shared with the columnar builders so that no path can produce an invalid bar.
     *
     * @throws IllegalArgumentException naming the symbol, the start and the offending value
     */
    static void check(Symbol symbol, long startMicros, double open, double high, double low, double close,
                      double volume, long tradeCount, double vwap, int flags) {
        if (!Double.isFinite(open) || !Double.isFinite(high) || !Double.isFinite(low) || !Double.isFinite(close)) {
            String name = !Double.isFinite(open) ? "open" : !Double.isFinite(high) ? "high"
                    : !Double.isFinite(low) ? "low" : "close";
            double value = !Double.isFinite(open) ? open : !Double.isFinite(high) ? high
                    : !Double.isFinite(low) ? low : close;
            throw invalid(symbol, startMicros, name + " " + value + " is not finite");
        }
        if (high < Math.max(open, close)) {
            throw invalid(symbol, startMicros, "high " + high + " is below max(open " + open + ", close " + close + ")");
        }
        if (low > Math.min(open, close)) {
            throw invalid(symbol, startMicros, "low " + low + " is above min(open " + open + ", close " + close + ")");
        }
        String badVolume = Quantities.problem("volume", volume);
        if (badVolume != null) {
            throw invalid(symbol, startMicros, badVolume);
        }
        if (tradeCount < NO_TRADE_COUNT) {
            throw invalid(symbol, startMicros, "trade count " + tradeCount + " is negative");
        }
        if (Double.isInfinite(vwap)) {
            throw invalid(symbol, startMicros, "vwap " + vwap + " is not finite");
        }
        if ((flags & ~ALL_FLAGS) != 0) {
            throw invalid(symbol, startMicros, "unknown flags 0x" + Integer.toHexString(flags));
        }
    }

    private static IllegalArgumentException invalid(Symbol symbol, long startMicros, String reason) {
        return new IllegalArgumentException("bar " + symbol + " " + Micros.toInstant(startMicros) + ": " + reason);
    }

    /** A bar without trade count, VWAP or flags. */
    public static Bar of(Symbol symbol, Instant start, Interval interval,
                         double open, double high, double low, double close, double volume) {
        return new Bar(symbol, start, interval, open, high, low, close, volume, NO_TRADE_COUNT, Double.NaN, 0);
    }

    /** When the bar becomes available: its end. */
    public Instant end() {
        return start.plus(interval.duration());
    }

    public boolean hasTradeCount() {
        return tradeCount != NO_TRADE_COUNT;
    }

    public boolean hasVwap() {
        return !Double.isNaN(vwap);
    }

    public boolean isFilled() {
        return (flags & FILLED) != 0;
    }

    public boolean isSynthetic() {
        return (flags & SYNTHETIC) != 0;
    }

    public boolean isRevised() {
        return (flags & REVISED) != 0;
    }

    public boolean isPartial() {
        return (flags & PARTIAL) != 0;
    }

    public Bar withFlags(int newFlags) {
        return newFlags == flags ? this
                : new Bar(symbol, start, interval, open, high, low, close, volume, tradeCount, vwap, newFlags);
    }

    /** Equal market content, ignoring how the bar was obtained (flags). */
    public boolean sameValues(Bar other) {
        return symbol.equals(other.symbol) && start.equals(other.start) && interval.equals(other.interval)
                && Double.compare(open, other.open) == 0 && Double.compare(high, other.high) == 0
                && Double.compare(low, other.low) == 0 && Double.compare(close, other.close) == 0
                && Double.compare(volume, other.volume) == 0 && tradeCount == other.tradeCount
                && Double.compare(vwap, other.vwap) == 0;
    }
}
