package io.sessionflow.store.jdbc;

import io.sessionflow.domain.Symbol;
import java.time.Instant;
import java.util.Objects;

/**
 * What a store holds of one kind for one symbol: first and last time key and the row count.
 *
 * <p>Immutable.
 */
public record Extent(Symbol symbol, DataKind kind, Instant first, Instant last, long rows) {

    public Extent {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (last.isBefore(first) || rows <= 0) {
            throw new IllegalArgumentException(symbol + " " + kind.label() + ": " + first + ".." + last + " with "
                    + rows + " rows");
        }
    }
}
