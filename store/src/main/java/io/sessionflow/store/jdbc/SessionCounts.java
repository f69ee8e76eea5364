package io.sessionflow.store.jdbc;

import io.sessionflow.domain.Symbol;
import java.time.LocalDate;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One symbol's rows of one kind in a time range: all of them, and per session those whose time key lies in the
 * session's window {@code [open, close)} (sessions without such rows are absent).
 *
 * <p>Immutable.
 */
public record SessionCounts(Symbol symbol, long rows, NavigableMap<LocalDate, Long> bySession) {

    public SessionCounts {
        Objects.requireNonNull(symbol, "symbol");
        bySession = Collections.unmodifiableNavigableMap(new TreeMap<>(bySession));
        if (rows < bySession.values().stream().mapToLong(Long::longValue).sum()) {
            throw new IllegalArgumentException(symbol + ": " + rows + " rows, fewer than in its sessions");
        }
    }
}
