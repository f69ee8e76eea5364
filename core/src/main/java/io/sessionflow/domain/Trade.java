package io.sessionflow.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One trade print at {@code time}. The size is a double so that fractional sizes (crypto) are kept exactly;
 * integral sizes below 2^53 are exact too.
 *
 * <p>Immutable; safe to share between threads.
 */
public record Trade(Symbol symbol, Instant time, double price, double size) implements TradeView {

    public Trade {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(time, "time");
        check(symbol, Micros.of(time), price, size);
    }

    @Override
    public long timeMicros() {
        return Micros.of(time);
    }

    /** This trade itself. */
    @Override
    public Trade toTrade() {
        return this;
    }

    /** The invariants of a trade, shared with {@link TradeSeries.Builder}. */
    static void check(Symbol symbol, long timeMicros, double price, double size) {
        String problem = null;
        if (!Double.isFinite(price) || price <= 0) {
            problem = "price " + price + " is not a finite positive price";
        } else {
            problem = Quantities.problem("size", size);
        }
        if (problem != null) {
            throw new IllegalArgumentException("trade " + symbol + " " + Micros.toInstant(timeMicros) + ": " + problem);
        }
    }
}
