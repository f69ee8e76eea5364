package io.sessionflow.store.imports;

/**
 * Why one row cannot be imported. Thrown by decoders and collectors, caught by the row loop which records it against
 * the row's line. A {@linkplain #fatal() fatal} one (a time without offset and no {@code --tz}) would make every row
 * bad, so it fails the file even with {@code --skip-bad}. Carries no stack trace: it is control flow on the hot path. Immutable; never crosses threads.
 */
final class BadRow extends Exception {

    private final boolean fatal;

    BadRow(String reason) {
        this(reason, false);
    }

    private BadRow(String reason, boolean fatal) {
        super(reason, null, false, false);
        this.fatal = fatal;
    }

    /** A problem of the whole file showing on this row. */
    static BadRow fatal(String reason) {
        return new BadRow(reason, true);
    }

    boolean fatal() {
        return fatal;
    }
}
