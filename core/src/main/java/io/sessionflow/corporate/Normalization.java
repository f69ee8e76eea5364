package io.sessionflow.corporate;

import java.util.Locale;

/**
 * How a replay puts prices on one basis across splits and dividends, with LEAN's meaning (its
 * {@code DataNormalizationMode}): {@link #RAW} prices as traded, {@link #SPLIT_ADJUSTED} prices times the split factor,
 * {@link #ADJUSTED} times the split and price (dividend) factors. See {@link PriceAdjustment} for the basis.
 *
 * <p>Immutable; safe to share between threads.
 */
public enum Normalization {
    RAW, SPLIT_ADJUSTED, ADJUSTED;

    /** The name in configuration, on the command line and in event output: {@code raw}, {@code split-adjusted}... */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The mode of a label, case-insensitive; {@code _} and {@code -} are the same.
     *
     * @throws IllegalArgumentException naming the label and the known ones
     */
    public static Normalization of(String label) {
        String l = label == null ? "" : label.trim().replace('_', '-');
        for (Normalization n : values()) {
            if (n.label().equalsIgnoreCase(l)) {
                return n;
            }
        }
        throw new IllegalArgumentException("unknown normalization '" + label
                + "'; known: raw, split-adjusted, adjusted");
    }

    /** The factor of this mode in {@code f}: 1 for raw's delivered session, split, or price x split. */
    double factor(FactorFile.Factors f) {
        return this == ADJUSTED ? f.price() * f.split() : f.split();
    }
}
