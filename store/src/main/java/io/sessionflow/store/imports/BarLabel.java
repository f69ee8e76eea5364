package io.sessionflow.store.imports;

import java.util.Locale;

/** What a bar's timestamp in a file marks: the start of the bar (Sessionflow's convention) or its end. Constants; thread-safe. */
public enum BarLabel {
    START,
    /** End-stamped bars are shifted back by their interval (1 minute) so that they are stored by their start. */
    END;

    /**
     * {@code start} or {@code end}, case-insensitive.
     *
     * @throws IllegalArgumentException naming the text
     */
    public static BarLabel parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        for (BarLabel l : values()) {
            if (l.name().equals(t)) {
                return l;
            }
        }
        throw new IllegalArgumentException("bar label '" + text + "' is neither start nor end");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
