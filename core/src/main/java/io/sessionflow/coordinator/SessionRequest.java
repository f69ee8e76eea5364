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
 * The coordinator's request for one session's split: the streams registered for it (trade bars, quotes, trades and
 * quote bars), per bar symbol the
 * trailing-history dates the symbol will already hold when the session starts (so that only the others are read),
 * and, for a live start in the middle of a session, the time up to which the session's earlier minutes are wanted.
 * Two requests are equal when they ask for the same thing: a prefetched split answers a later request only if the
 * requests are equal.
 *
 * <p>Immutable.
 */
public record SessionRequest(TradingSession session, List<Symbol> bars, List<Symbol> quotes, List<Symbol> trades,
                             Map<Symbol, Set<LocalDate>> heldHistory, long warmUntilMicros, List<Symbol> quoteBars) {

    /** No warm start: what a backtest asks. */
    public static final long NO_WARM_START = Long.MIN_VALUE;

    /** A request without a warm start. */
    public SessionRequest(TradingSession session, List<Symbol> bars, List<Symbol> quotes, List<Symbol> trades,
                          Map<Symbol, Set<LocalDate>> heldHistory) {
        this(session, bars, quotes, trades, heldHistory, NO_WARM_START);
    }

    /** A request without quote bar streams. */
    public SessionRequest(TradingSession session, List<Symbol> bars, List<Symbol> quotes, List<Symbol> trades,
                          Map<Symbol, Set<LocalDate>> heldHistory, long warmUntilMicros) {
        this(session, bars, quotes, trades, heldHistory, warmUntilMicros, List.of());
    }

    public SessionRequest {
        Objects.requireNonNull(session, "session");
        bars = List.copyOf(bars);
        quotes = List.copyOf(quotes);
        trades = List.copyOf(trades);
        quoteBars = List.copyOf(quoteBars);
        Map<Symbol, Set<LocalDate>> held = new TreeMap<>();
        heldHistory.forEach((s, dates) -> held.put(s, Set.copyOf(new TreeSet<>(dates))));
        heldHistory = Map.copyOf(held);
    }

    /**
     * This request for a live start in the middle of the session: the session's 1m bars that ended by
     * {@code nowMicros} come with the split, so that derived bars are whole from the first delivery.
     */
    public SessionRequest warmStartAt(long nowMicros) {
        return new SessionRequest(session, bars, quotes, trades, heldHistory, nowMicros, quoteBars);
    }

    /** This request with the 1m quote bar streams of {@code symbols}. */
    public SessionRequest withQuoteBars(List<Symbol> symbols) {
        return new SessionRequest(session, bars, quotes, trades, heldHistory, warmUntilMicros, symbols);
    }

    /** The history dates {@code symbol} holds when the session starts. */
    public Set<LocalDate> held(Symbol symbol) {
        return heldHistory.getOrDefault(symbol, Set.of());
    }
}
