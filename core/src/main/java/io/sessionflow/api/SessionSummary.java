package io.sessionflow.api;

import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Symbol;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * What one session delivered, per symbol with a bar stream: the figures of the summary file and report tables.
 *
 * <p>Immutable.
 */
public record SessionSummary(LocalDate date, Instant end, SessionEndReason reason, Map<Symbol, SymbolSummary> symbols) {

    public SessionSummary {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(reason, "reason");
        symbols = Map.copyOf(symbols);
    }

    /**
     * One symbol in one session.
     *
     * @param expected         1m bars a complete session has
     * @param present          minutes with a real or filled bar
     * @param filled           minutes inserted by gap repair
     * @param confirmedMissing minutes storage lacks too
     * @param synthetic        minutes given a fill-forward bar
     * @param quality          present / expected x 100
     * @param derived          derived bars delivered per interval
     */
    public record SymbolSummary(int expected, int present, int filled, int confirmedMissing, int synthetic,
                                double quality, Map<Interval, Integer> derived) {
        public SymbolSummary {
            derived = Map.copyOf(derived);
        }
    }
}
