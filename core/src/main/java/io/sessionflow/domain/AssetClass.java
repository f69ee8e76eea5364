package io.sessionflow.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What kind of market a symbol trades in. It decides nothing in the coordinator yet; it is recorded per symbol so that
 * sources of different kinds never mix under one name.
 *
 * <p>Immutable; safe to share between threads.
 */
public enum AssetClass {
    EQUITY, CRYPTO, FOREX, FUTURE, OTHER;

    /** The lowercase name used on the command line and in storage: {@code equity}, {@code crypto}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The asset class labelled {@code text}, ignoring case.
     *
     * @throws IllegalArgumentException naming the text and the known labels
     */
    public static AssetClass of(String text) {
        for (AssetClass c : values()) {
            if (c.label().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return c;
            }
        }
        String shown = text == null ? "null" : "'" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'";
        throw new IllegalArgumentException("asset class " + shown + " is not one of "
                + Arrays.stream(values()).map(AssetClass::label).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return label();
    }
}
