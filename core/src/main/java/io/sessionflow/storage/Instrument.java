package io.sessionflow.storage;

import io.sessionflow.domain.AssetClass;
import io.sessionflow.domain.Symbol;
import java.util.Objects;

/**
 * What a stored symbol is: its asset class and the venue its data came from ({@code usa}, {@code coinbase},
 * {@code oanda}, {@code cme}, {@code iex}; empty when unknown). A symbol qualified by a venue ({@code SPY@IEX}) has
 * that venue, ignoring case.
 *
 * <p>Immutable; safe to share between threads.
 */
public record Instrument(Symbol symbol, AssetClass assetClass, String venue) {

    public Instrument {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(assetClass, "assetClass");
        venue = Symbol.checkVenue(venue).isEmpty() ? "" : venue.strip();
        if (!symbol.venue().isEmpty() && !symbol.venue().equalsIgnoreCase(venue)) {
            throw new IllegalArgumentException("instrument " + symbol + " has venue qualifier " + symbol.venue()
                    + " but venue '" + venue + "'");
        }
    }

    /** A US equity without a venue: what every symbol of a store written before instruments were recorded is. */
    public static Instrument equity(Symbol symbol) {
        return new Instrument(symbol, AssetClass.EQUITY, "");
    }
}
