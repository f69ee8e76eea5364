package io.sessionflow.dashboard.store;

import io.sessionflow.domain.Symbol;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * What a heatmap request selects.
 *
 * @param from    first date, inclusive, or null for the first stored 1m bar's
 * @param to      last date, inclusive, or null for the last stored 1m bar's
 * @param symbols the symbols, empty for all with 1m bars
 * @param search  uppercase text a symbol must contain, empty for any
 *
 * <p>Immutable.
 */
public record HeatmapQuery(LocalDate from, LocalDate to, Set<Symbol> symbols, String search) {

    public HeatmapQuery {
        symbols = Set.copyOf(symbols);
        Objects.requireNonNull(search, "search");
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
    }

    /** Every session of every symbol. */
    public static HeatmapQuery all() {
        return new HeatmapQuery(null, null, Set.of(), "");
    }
}
