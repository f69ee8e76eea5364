package io.sessionflow.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A ticker symbol: uppercase letters and digits, optionally with share-class suffixes such as {@code BRK.B} or
 * {@code BF-B}, and optionally qualified by a venue, {@code SPY@IEX}, so that one ticker from several sources (a
 * consolidated tape, one exchange, a broker) is kept apart as several symbols. The pattern is strict on purpose: a
 * symbol is validated before it reaches any SQL or file name.
 *
 * <p>Immutable; safe to share between threads.
 */
public record Symbol(String value) implements Comparable<Symbol> {

    /**
     * Longest symbol accepted, venue qualifier included ({@code BTCUSD@COINBASE} is 15); real tickers are far shorter,
     * this only bounds garbage. Stores size their symbol column by it.
     */
    public static final int MAX_LENGTH = 16;

    /** What separates the ticker from its venue qualifier. */
    public static final char VENUE_SEPARATOR = '@';

    private static final Pattern TICKER = Pattern.compile("[A-Z][A-Z0-9]*(?:[.\\-][A-Z0-9]+)*(?:@[A-Z0-9]+)?");
    private static final Pattern VENUE = Pattern.compile("[A-Z0-9]+");

    public Symbol {
        Objects.requireNonNull(value, "symbol");
        if (value.isBlank()) {
            throw new IllegalArgumentException("symbol must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("symbol '" + value + "' is longer than " + MAX_LENGTH + " characters");
        }
        if (!TICKER.matcher(value).matches()) {
            String hint = value.equals(value.toUpperCase(java.util.Locale.ROOT)) ? "" : " (symbols are uppercase)";
            throw new IllegalArgumentException("symbol '" + value + "' is not a valid ticker" + hint);
        }
    }

    /** The symbol for {@code value}; throws {@link IllegalArgumentException} naming the value when it is not a ticker. */
    public static Symbol of(String value) {
        return new Symbol(value);
    }

    /** True when {@code value} would make a valid symbol; never throws. */
    public static boolean isValid(String value) {
        return value != null && !value.isEmpty() && value.length() <= MAX_LENGTH && TICKER.matcher(value).matches();
    }

    /** The ticker without its venue qualifier: {@code SPY} for {@code SPY@IEX} and for {@code SPY}. */
    public String ticker() {
        int at = value.indexOf(VENUE_SEPARATOR);
        return at < 0 ? value : value.substring(0, at);
    }

    /** The venue qualifier, {@code IEX} for {@code SPY@IEX}; empty when the symbol has none. */
    public String venue() {
        int at = value.indexOf(VENUE_SEPARATOR);
        return at < 0 ? "" : value.substring(at + 1);
    }

    /**
     * This symbol's ticker qualified by {@code venue} (uppercased: {@code iex} gives {@code SPY@IEX}); this symbol's
     * ticker alone when {@code venue} is empty.
     *
     * @throws IllegalArgumentException naming the venue when it is not letters and digits, or naming the symbol when
     *                                  the qualified symbol is longer than {@link #MAX_LENGTH}
     */
    public Symbol withVenue(String venue) {
        String qualifier = checkVenue(venue);
        return qualifier.isEmpty() ? new Symbol(ticker()) : new Symbol(ticker() + VENUE_SEPARATOR + qualifier);
    }

    /**
     * {@code venue} as a symbol's qualifier: stripped and uppercased, empty when blank.
     *
     * @throws IllegalArgumentException naming the venue when it is not letters and digits
     */
    public static String checkVenue(String venue) {
        Objects.requireNonNull(venue, "venue");
        String v = venue.strip().toUpperCase(java.util.Locale.ROOT);
        if (!v.isEmpty() && (v.length() >= MAX_LENGTH || !VENUE.matcher(v).matches())) {
            String shown = venue.length() > 40 ? venue.substring(0, 40) + "..." : venue;
            throw new IllegalArgumentException("venue '" + shown + "' is not a venue: letters and digits only, "
                    + "shorter than " + MAX_LENGTH + " characters (e.g. iex, coinbase, cme)");
        }
        return v;
    }

    @Override
    public int compareTo(Symbol other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
