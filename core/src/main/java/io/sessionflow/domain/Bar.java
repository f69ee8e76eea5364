package io.sessionflow.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * An OHLCV bar covering {@code [start, start + interval)}. It becomes available at its end, never before.
 *
 * <p>{@code volume} is a double so that fractional volumes (crypto) are kept exactly; integral volumes below 2^53
 * are exact too, so sums of US equity volumes do not change. {@code tradeCount} is {@link #NO_TRADE_COUNT} and
 * {@code vwap} is {@code NaN} when the source does not give
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
        int flags) implements BarView {

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
        String problem = problem(open, high, low, close, volume, tradeCount, vwap, flags);
        if (problem != null) {
            throw invalid(symbol, Micros.of(start), problem);  // the start in micros only for the message
        }
    }

    /**
     * The invariants of a bar, shared with the columnar builders so that no path can produce an invalid bar.
     *
     * @throws IllegalArgumentException naming the symbol, the start and the offending value
     */
    static void check(Symbol symbol, long startMicros, double open, double high, double low, double close,
                      double volume, long tradeCount, double vwap, int flags) {
        String problem = problem(open, high, low, close, volume, tradeCount, vwap, flags);
        if (problem != null) {
            throw invalid(symbol, startMicros, problem);
        }
    }

    /** What is wrong with these values of a bar, naming the offending value; null when nothing is. */
    private static String problem(double open, double high, double low, double close, double volume, long tradeCount,
                                  double vwap, int flags) {
        if (valid(open, high, low, close, volume, tradeCount, vwap, flags)) {
            return null;  // nearly every bar: one test without a branch per rule, then the rules one by one
        }
        if (!Double.isFinite(open) || !Double.isFinite(high) || !Double.isFinite(low) || !Double.isFinite(close)) {
            String name = !Double.isFinite(open) ? "open" : !Double.isFinite(high) ? "high"
                    : !Double.isFinite(low) ? "low" : "close";
            double value = !Double.isFinite(open) ? open : !Double.isFinite(high) ? high
                    : !Double.isFinite(low) ? low : close;
            return name + " " + value + " is not finite";
        }
        if (high < Math.max(open, close)) {
            return "high " + high + " is below max(open " + open + ", close " + close + ")";
        }
        if (low > Math.min(open, close)) {
            return "low " + low + " is above min(open " + open + ", close " + close + ")";
        }
        String badVolume = Quantities.problem("volume", volume);
        if (badVolume != null) {
            return badVolume;
        }
        if (tradeCount < NO_TRADE_COUNT) {
            return "trade count " + tradeCount + " is negative";
        }
        if (Double.isInfinite(vwap)) {
            return "vwap " + vwap + " is not finite";
        }
        if ((flags & ~ALL_FLAGS) != 0) {
            return "unknown flags 0x" + Integer.toHexString(flags);
        }
        return null;
    }

    /** Every rule of {@link #problem} at once: {@code &}, not {@code &&}, so that the JIT need not branch per rule. */
    private static boolean valid(double open, double high, double low, double close, double volume, long tradeCount,
                                 double vwap, int flags) {
        return Double.isFinite(open) & Double.isFinite(high) & Double.isFinite(low) & Double.isFinite(close)
                & high >= Math.max(open, close) & low <= Math.min(open, close) & Double.isFinite(volume)
                & volume >= 0 & tradeCount >= NO_TRADE_COUNT & !Double.isInfinite(vwap) & (flags & ~ALL_FLAGS) == 0;
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

    @Override
    public long startMicros() {
        return Micros.of(start);
    }

    /** This bar itself. */
    @Override
    public Bar toBar() {
        return this;
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
