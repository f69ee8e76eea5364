package io.sessionflow.config;

/**
 * Where a session's derived windows are anchored ({@code derived-alignment}). Windows are laid on a grid of the
 * interval from the anchor, forwards and backwards, inside the session's segments; a halt between segments cuts a
 * window, the window's open and close cut the first and the last.
 *
 * <p>Immutable; safe to share between threads.
 */
public enum DerivedAlignment {
    /** From the session open: 04:00, 04:05, ... in an extended XNYS day; 17:00 CT for CMES. The default. */
    SESSION_OPEN("session-open"),
    /**
     * From the first regular-market minute: 09:30, 09:35, ... and, before it, 09:25, 09:20, ... counted back, so
     * that the regular session's bars are those of a regular-hours run. Equal to {@link #SESSION_OPEN} on a session
     * without pre-market.
     */
    MARKET_OPEN("market-open");

    private final String label;

    DerivedAlignment(String label) {
        this.label = label;
    }

    /** The configuration value. */
    public String label() {
        return label;
    }

    /**
     * The alignment of a configuration value, case-insensitive.
     *
     * @throws IllegalArgumentException naming the value and the known ones
     */
    public static DerivedAlignment of(String text) {
        for (DerivedAlignment a : values()) {
            if (a.label.equalsIgnoreCase(text == null ? "" : text.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException(ConfigValues.quote(text) + " is not session-open or market-open");
    }
}
