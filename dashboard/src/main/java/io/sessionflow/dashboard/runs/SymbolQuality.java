package io.sessionflow.dashboard.runs;

import java.util.Objects;

/**
 * One symbol's completeness in the current session so far.
 *
 * @param symbol           the symbol
 * @param present          expected minutes with a real or filled 1m bar
 * @param filled           minutes inserted by gap repair
 * @param confirmedMissing minutes storage lacks too
 * @param quality          present / expected x 100 over the expected minutes elapsed (100 before any)
 *
 * <p>Immutable.
 */
public record SymbolQuality(String symbol, int present, int filled, int confirmedMissing, double quality) {

    public SymbolQuality {
        Objects.requireNonNull(symbol, "symbol");
        if (present < 0 || filled < 0 || confirmedMissing < 0) {
            throw new IllegalArgumentException("negative counts for " + symbol + ": present " + present
                    + ", filled " + filled + ", confirmed missing " + confirmedMissing);
        }
        if (!(quality >= 0 && quality <= 100)) {
            throw new IllegalArgumentException("quality " + quality + " of " + symbol + " is not in 0..100");
        }
    }
}
