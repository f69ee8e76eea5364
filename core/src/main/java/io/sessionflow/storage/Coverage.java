package io.sessionflow.storage;

import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import java.time.Instant;
import java.util.Objects;

/**
 * What storage holds for one symbol and kind of data: the first and last timestamps and the row count.
 * {@code intervalMinutes} is the bar interval for {@link StreamType#BARS} and 0 for quotes and trades.
 *
 * <p>Immutable.
 */
public record Coverage(Symbol symbol, StreamType type, int intervalMinutes, Instant first, Instant last, long rows) {

    public Coverage {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (last.isBefore(first) || rows <= 0) {
            throw new IllegalArgumentException("coverage of " + symbol + " " + type + ": " + first + ".." + last
                    + " with " + rows + " rows");
        }
    }
}
