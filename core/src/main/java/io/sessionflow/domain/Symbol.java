package io.sessionflow.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A ticker symbol: uppercase letters and digits, optionally with share-class suffixes such as {@code BRK.B} or
 * {@code BF-B}. The pattern is strict on purpose: a symbol is validated before it reaches any SQL or file name.
 *
 * <p>Immutable; safe to share between threads.
 */
public record Symbol(String value) implements Comparable<Symbol> {

    /** Longest ticker accepted; real tickers are far shorter, this only bounds garbage. */
    public static final int MAX_LENGTH = 16;

    private static final Pattern TICKER = Pattern.compile("[A-Z][A-Z0-9]*(?:[.\\-][A-Z0-9]+)*");

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

    @Override
    public int compareTo(Symbol other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
