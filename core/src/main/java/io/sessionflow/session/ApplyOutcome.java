package io.sessionflow.session;

/** What {@link MinuteBook#apply} did with a 1m bar, by its apply rules. Immutable. */
enum ApplyOutcome {
    /** The minute was empty and holds the bar now. */
    NEW,
    /** The minute held another bar, which the new one replaced. */
    REPLACED,
    /** The minute already holds the same bar: nothing changed. */
    DUPLICATE,
    /** The minute holds a better bar (see the apply rules): nothing changed. */
    IGNORED;

    /** Whether the bar is now held, so that subscribers must hear of it. */
    boolean changed() {
        return this == NEW || this == REPLACED;
    }
}
