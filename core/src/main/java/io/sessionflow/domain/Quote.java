package io.sessionflow.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A top-of-book quote at {@code time}. A side that is absent (a one-sided exchange quote) has price 0 and size 0.
 * Crossed quotes are accepted: venue quotes are not an NBBO and real feeds do cross. Sizes are doubles so that
 * fractional sizes (crypto, forex) are kept exactly.
 *
 * <p>Immutable; safe to share between threads.
 */
public record Quote(Symbol symbol, Instant time, double bid, double ask, double bidSize, double askSize)
        implements QuoteView {

    public Quote {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(time, "time");
        check(symbol, Micros.of(time), bid, ask, bidSize, askSize);
    }

    @Override
    public long timeMicros() {
        return Micros.of(time);
    }

    /** This quote itself. */
    @Override
    public Quote toQuote() {
        return this;
    }

    /** The invariants of a quote, shared with {@link QuoteSeries.Builder}. */
    static void check(Symbol symbol, long timeMicros, double bid, double ask, double bidSize, double askSize) {
        String problem = null;
        if (!Double.isFinite(bid) || bid < 0) {
            problem = "bid " + bid + " is not a finite non-negative price";
        } else if (!Double.isFinite(ask) || ask < 0) {
            problem = "ask " + ask + " is not a finite non-negative price";
        } else {
            problem = Quantities.problem("bid size", bidSize);
            if (problem == null) {
                problem = Quantities.problem("ask size", askSize);
            }
        }
        if (problem != null) {
            throw new IllegalArgumentException("quote " + symbol + " " + Micros.toInstant(timeMicros) + ": " + problem);
        }
    }
}
