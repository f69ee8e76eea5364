package io.sessionflow.bars;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link TradeBarBuilder} decides that a minute is final and how long it still revises it.
 *
 * @param grace          how long after a minute's end trades of that minute are still waited for: minute
 *                       {@code [s, s + 1m)} is final once the watermark reaches {@code s + 1m + grace}. Zero for
 *                       backtests (trades come in time order); a few hundred milliseconds to seconds for a live feed,
 *                       whose prints of different venues arrive slightly out of order
 * @param revisionWindow how long after a minute became final a late trade of it still produces an updated bar: a
 *                       trade of minute {@code s} arriving once the watermark has reached
 *                       {@code s + 1m + grace + revisionWindow} is dropped and counted instead. Bounds the memory
 *                       kept per symbol (one small accumulator per minute of the window)
 *
 * <p>Both are truncated to whole microseconds, the time unit of the builder. Immutable; safe to share between
 * threads.
 */
public record TradeBarConfig(Duration grace, Duration revisionWindow) {

    /** The longest grace or revision window accepted: one day, beyond which "late" has lost its meaning. */
    public static final Duration MAX = Duration.ofDays(1);

    /** Grace zero (backtests, time-ordered trades) and a 15 minute revision window. */
    public static final TradeBarConfig DEFAULT = new TradeBarConfig(Duration.ZERO, Duration.ofMinutes(15));

    public TradeBarConfig {
        check("grace", grace);
        check("revision window", revisionWindow);
    }

    private static void check(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.compareTo(MAX) > 0) {
            throw new IllegalArgumentException(name + " " + d + " is outside [PT0S, " + MAX + "]");
        }
    }

    public TradeBarConfig withGrace(Duration newGrace) {
        return new TradeBarConfig(newGrace, revisionWindow);
    }

    public TradeBarConfig withRevisionWindow(Duration newWindow) {
        return new TradeBarConfig(grace, newWindow);
    }

    long graceMicros() {
        return grace.toNanos() / 1_000;
    }

    long revisionWindowMicros() {
        return revisionWindow.toNanos() / 1_000;
    }
}
