package io.sessionflow.testing;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;
import java.time.LocalDate;
import java.util.List;
import java.util.function.BiPredicate;

/** Deterministic 1m test bars over XNYS sessions: price depends only on symbol and minute, so runs compare. */
public final class Bars {

    private Bars() {
    }

    /** Every minute of every session in {@code [from, toExclusive)} for each symbol, minus those {@code skip} says. */
    public static BarSeries session(List<Symbol> symbols, LocalDate from, LocalDate toExclusive,
                                    BiPredicate<Symbol, Long> skip) {
        BarSeries.Builder b = BarSeries.builder(Interval.ONE_MINUTE);
        for (Symbol s : symbols) {
            for (TradingSession session : Calendars.xnys().sessions(from, toExclusive)) {
                long open = Micros.of(session.open());
                for (int m = 0; m < session.minutes(); m++) {
                    long start = open + m * Micros.PER_MINUTE;
                    if (skip.test(s, start)) {
                        continue;
                    }
                    double base = 100 + Math.floorMod(s.value().hashCode(), 50) + (m % 37) * 0.01;
                    b.add(s, start, base, base + 0.05, base - 0.04, base + 0.01, 100 + m);
                }
            }
        }
        return b.build();
    }

    public static BarSeries session(List<Symbol> symbols, LocalDate from, LocalDate toExclusive) {
        return session(symbols, from, toExclusive, (s, t) -> false);
    }
}
