package io.sessionflow.testing;

import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;
import java.time.LocalDate;
import java.util.List;
import java.util.function.BiPredicate;

/** Stores filled with the deterministic test data of {@link Bars} and {@link Ticks}. */
public final class Stores {

    private Stores() {
    }

    /** 1m bars of every session in the window minus those {@code gap} says; no quotes or trades. */
    public static InMemoryStore bars(List<Symbol> symbols, LocalDate from, LocalDate toExclusive,
                                     BiPredicate<Symbol, Long> gap) {
        InMemoryStore store = new InMemoryStore();
        store.upsertBars(Bars.session(symbols, from, toExclusive, gap));
        return store;
    }

    public static InMemoryStore bars(List<Symbol> symbols, LocalDate from, LocalDate toExclusive) {
        return bars(symbols, from, toExclusive, (s, t) -> false);
    }

    /** As {@link #bars}, plus a quote every {@code quoteSeconds} and a trade every {@code tradeSeconds}. */
    public static InMemoryStore market(List<Symbol> symbols, LocalDate from, LocalDate toExclusive,
                                       BiPredicate<Symbol, Long> gap, int quoteSeconds, int tradeSeconds) {
        InMemoryStore store = bars(symbols, from, toExclusive, gap);
        store.upsertQuotes(Ticks.quotes(symbols, from, toExclusive, quoteSeconds));
        store.upsertTrades(Ticks.trades(symbols, from, toExclusive, tradeSeconds));
        return store;
    }

    /**
     * A deterministic sprinkle of storage gaps: about one minute in {@code oneIn}, never the same minute for every
     * symbol. Usable as the {@code gap} argument.
     */
    public static BiPredicate<Symbol, Long> gaps(int oneIn) {
        return (s, t) -> Math.floorMod((t / Micros.PER_MINUTE) * 31 + s.value().hashCode(), oneIn) == 0;
    }
}
