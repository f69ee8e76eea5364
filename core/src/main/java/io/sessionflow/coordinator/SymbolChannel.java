package io.sessionflow.coordinator;

import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.session.SymbolSessionData;

/**
 * The coordinator's view of one symbol: its session data and which of its streams are registered. Cancelling a
 * stream clears its flag; the coordinator then skips that stream's events without disturbing the others.
 *
 * <p>Threading: flags are written by any thread (register/cancel) and read by the coordinator (volatile).
 */
final class SymbolChannel {

    final Symbol symbol;
    final SymbolSessionData data;
    private volatile boolean bars;
    private volatile boolean quoteBars;
    private volatile boolean quotes;
    private volatile boolean trades;

    SymbolChannel(Symbol symbol, SymbolSessionData data) {
        this.symbol = symbol;
        this.data = data;
    }

    boolean active(StreamType type) {
        return switch (type) {
            case BARS -> bars;
            case QUOTE_BARS -> quoteBars;
            case QUOTES -> quotes;
            case TRADES -> trades;
        };
    }

    boolean bars() {
        return bars;
    }

    boolean quoteBars() {
        return quoteBars;
    }

    boolean quotes() {
        return quotes;
    }

    boolean trades() {
        return trades;
    }

    void set(StreamType type, boolean on) {
        switch (type) {
            case BARS -> bars = on;
            case QUOTE_BARS -> quoteBars = on;
            case QUOTES -> quotes = on;
            case TRADES -> trades = on;
            default -> throw new IllegalArgumentException(type.name());
        }
    }
}
