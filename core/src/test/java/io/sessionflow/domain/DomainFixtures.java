package io.sessionflow.domain;

import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Symbols, minutes and valid rows shared by the domain tests. */
final class DomainFixtures {

    static final Instant T0 = Instant.parse("2025-01-02T14:30:00Z");
    static final Symbol SPY = Symbol.of("SPY");
    static final Symbol QQQ = Symbol.of("QQQ");
    static final Symbol IWM = Symbol.of("IWM");

    private DomainFixtures() {
    }

    /** {@code n} minutes after {@link #T0}. */
    static Instant minute(int n) {
        return T0.plusSeconds(60L * n);
    }

    static long minuteMicros(int n) {
        return Micros.of(minute(n));
    }

    /** A valid 1m bar whose prices follow {@code price}, so that rows with the same key can be told apart. */
    static Bar bar(Symbol symbol, int minute, double price) {
        return Bar.of(symbol, minute(minute), Interval.ONE_MINUTE, price, price + 1, price - 1, price + 0.5,
                (long) (price * 10));
    }

    /**
     * Valid 1m bars of SPY, QQQ or IWM in the first half hour, with and without the optional columns. Without
     * jqwik's edge cases: their product over eight parts outnumbers any sensible number of tries, and the boundary
     * bars (flat, no volume) have tests of their own.
     */
    static Arbitrary<Bar> validBars() {
        Arbitrary<Double> prices = Arbitraries.doubles().between(0.01, 1000).ofScale(2);
        Arbitrary<Double> spreads = Arbitraries.doubles().between(0, 10).ofScale(2);
        Arbitrary<OptionalColumns> optional = Combinators.combine(
                Arbitraries.oneOf(Arbitraries.just(Bar.NO_TRADE_COUNT), Arbitraries.longs().between(0, 5_000)),
                Arbitraries.oneOf(Arbitraries.just(Double.NaN), prices),
                Arbitraries.integers().between(0, Bar.FILLED | Bar.SYNTHETIC | Bar.REVISED | Bar.PARTIAL))
                .as(OptionalColumns::new);
        return Combinators.combine(Arbitraries.of(SPY, QQQ, IWM), Arbitraries.integers().between(0, 29), prices,
                        prices, spreads, spreads, Arbitraries.longs().between(0, 1_000_000), optional)
                .as((symbol, minute, open, close, up, down, volume, o) -> new Bar(symbol, minute(minute),
                        Interval.ONE_MINUTE, open, Math.max(open, close) + up, Math.min(open, close) - down, close,
                        volume, o.tradeCount(), o.vwap(), o.flags()))
                .withoutEdgeCases();
    }

    /** The optional columns of a bar. */
    private record OptionalColumns(long tradeCount, double vwap, int flags) {
    }
}
