package io.sessionflow.coordinator;

import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Symbol;
import java.util.BitSet;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A live completeness check the coordinator asks for: per symbol, the minutes of the session that have ended and
 * that it holds no bar for and has not had confirmed missing (so a minute is looked up until an answer about it is
 * applied: nothing is lost when an answer is late), with the bars it holds (for fill-forward's previous close).
 *
 * @param nowMicros the check time: repairs are delivered at it
 * @param last      the check after the session's close, which covers every minute of the session
 *
 * <p>Immutable (the bit sets are copied in and never handed out).
 */
public record CheckRequest(TradingSession session, long nowMicros, boolean last, Map<Symbol, BitSet> lookUp,
                           Map<Symbol, BarSeries> held) {

    public CheckRequest {
        Objects.requireNonNull(session, "session");
        Map<Symbol, BitSet> copy = new TreeMap<>();
        lookUp.forEach((s, b) -> copy.put(s, (BitSet) b.clone()));
        lookUp = java.util.Collections.unmodifiableMap(copy);
        held = Map.copyOf(held);
    }

    /** A copy of the minutes to look up for {@code symbol}. */
    public BitSet minutes(Symbol symbol) {
        BitSet b = lookUp.get(symbol);
        return b == null ? new BitSet() : (BitSet) b.clone();
    }
}
