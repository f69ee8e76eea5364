package io.sessionflow.corporate;

import io.sessionflow.domain.Symbol;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * A split or a cash dividend of one symbol, in force from its ex-date (the first session that trades without it).
 * A split's {@code value} is the number of new shares per old share ({@code 7} for AAPL's 7:1 split of 2014-06-09,
 * {@code 0.5} for a 1:2 reverse split); a dividend's is the cash amount per share, in the price's currency.
 *
 * <p>Immutable; safe to share between threads.
 */
public record CorporateAction(Symbol symbol, LocalDate exDate, Kind kind, double value) {

    /** What the action is; {@link #label()} is its name in CSV files and event output. */
    public enum Kind {
        SPLIT, DIVIDEND;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The kind for a label, case-insensitive.
         *
         * @throws IllegalArgumentException naming the label
         */
        public static Kind of(String label) {
            for (Kind k : values()) {
                if (k.label().equalsIgnoreCase(label == null ? "" : label.trim())) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown corporate action '" + label + "'; known: split, dividend");
        }
    }

    public CorporateAction {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(exDate, "exDate");
        Objects.requireNonNull(kind, "kind");
        if (!Double.isFinite(value) || value <= 0) {
            throw new IllegalArgumentException(kind.label() + " of " + symbol + " on " + exDate + ": value " + value
                    + " is not a positive number");
        }
        if (kind == Kind.SPLIT && value == 1) {
            throw new IllegalArgumentException("split of " + symbol + " on " + exDate + " has ratio 1: no split");
        }
    }

    public static CorporateAction split(Symbol symbol, LocalDate exDate, double newSharesPerOld) {
        return new CorporateAction(symbol, exDate, Kind.SPLIT, newSharesPerOld);
    }

    public static CorporateAction dividend(Symbol symbol, LocalDate exDate, double cashPerShare) {
        return new CorporateAction(symbol, exDate, Kind.DIVIDEND, cashPerShare);
    }
}
