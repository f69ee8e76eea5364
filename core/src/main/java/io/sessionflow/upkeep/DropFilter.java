package io.sessionflow.upkeep;

import io.sessionflow.domain.Symbol;

/**
 * Decides which streamed 1m bars a replay loses before delivery ({@code --drop-rate}), so that gap repair can be
 * seen working; storage keeps them. The decision is a pure function of (seed, symbol, minute), so every run, thread
 * interleaving and session order drops the same bars.
 *
 * <p>Immutable.
 */
public record DropFilter(double rate, long seed) {

    public static final DropFilter NONE = new DropFilter(0, 0);

    public DropFilter {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("drop rate " + rate + " is not between 0 and 1");
        }
    }

    public boolean drops(Symbol symbol, long startMicros) {
        if (rate == 0) {
            return false;
        }
        long h = mix(seed ^ mix(symbol.value().hashCode() * 0x9E3779B97F4A7C15L ^ startMicros));
        return (h >>> 11) * 0x1.0p-53 < rate;
    }

    /** SplitMix64's finaliser: spreads nearby inputs over the whole range. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
