package io.sessionflow.corporate;

import io.sessionflow.domain.Symbol;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a run finds each symbol's factors: a store, or LEAN factor files read beside the data. A symbol without a
 * factor file is never adjusted.
 *
 * <p>Implementations are safe to call from any thread.
 */
public interface CorporateActions {

    /** No factors for any symbol: every mode delivers raw prices. */
    CorporateActions NONE = symbol -> Optional.empty();

    /** The factor file of {@code symbol}, or empty when it has none. */
    Optional<FactorFile> factorFile(Symbol symbol);

    /**
     * {@code source} asked once per symbol: a store's answer is read once per run, not per session and symbol.
     * Thread-safe.
     */
    static CorporateActions memoized(CorporateActions source) {
        java.util.concurrent.ConcurrentHashMap<Symbol, Optional<FactorFile>> seen =
                new java.util.concurrent.ConcurrentHashMap<>();
        return symbol -> seen.computeIfAbsent(symbol, source::factorFile);
    }

    /**
     * The given factor files, by their symbols.
     *
     * @throws IllegalArgumentException when two files have the same symbol
     */
    static CorporateActions of(Collection<FactorFile> files) {
        Map<Symbol, FactorFile> bySymbol = new TreeMap<>();
        for (FactorFile f : files) {
            if (bySymbol.put(f.symbol(), f) != null) {
                throw new IllegalArgumentException("two factor files for " + f.symbol());
            }
        }
        Map<Symbol, FactorFile> copy = Map.copyOf(bySymbol);
        return symbol -> Optional.ofNullable(copy.get(symbol));
    }
}
