package io.sessionflow.coordinator;

import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Symbol;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The coordinator's request for one session's split: the streams registered for it and, per bar symbol, the
 * trailing-history dates the symbol will already hold when the session starts (so that only the others are read).
 * Two requests are equal when they ask for the same thing: a prefetched split answers a later request only if the
 * requests are equal.
 *
 * <p>Immutable.
 */
public record SessionRequest(TradingSession session, List<Symbol> bars, List<Symbol> quotes, List<Symbol> trades,
                             Map<Symbol, Set<LocalDate>> heldHistory) {

    public SessionRequest {
        Objects.requireNonNull(session, "session");
        bars = List.copyOf(bars);
        quotes = List.copyOf(quotes);
        trades = List.copyOf(trades);
        Map<Symbol, Set<LocalDate>> held = new TreeMap<>();
        heldHistory.forEach((s, dates) -> held.put(s, Set.copyOf(new TreeSet<>(dates))));
        heldHistory = Map.copyOf(held);
    }

    /** The history dates {@code symbol} holds when the session starts. */
    public Set<LocalDate> held(Symbol symbol) {
        return heldHistory.getOrDefault(symbol, Set.of());
    }
}
