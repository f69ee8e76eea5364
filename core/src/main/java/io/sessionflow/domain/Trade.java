package io.sessionflow.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One trade print at {@code time}.
 *
 * <p>Immutable; safe to share between threads.
 */
public record Trade(Symbol symbol, Instant time, double price, long size) {

    public Trade {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(time, "time");
        check(symbol, Micros.of(time), price, size);
    }

    /** The invariants of a trade, shared with {@link TradeSeries.Builder}. */
    static void check(Symbol symbol, long timeMicros, double price, long size) {
        String problem = null;
        if (!Double.isFinite(price) || price <= 0) {
            problem = "price " + price + " is not a finite positive price";
        } else if (size < 0) {
            problem = "size " + size + " is negative";
        }
        if (problem != null) {
            throw new IllegalArgumentException("trade " + symbol + " " + Micros.toInstant(timeMicros) + ": " + problem);
        }
    }
}
