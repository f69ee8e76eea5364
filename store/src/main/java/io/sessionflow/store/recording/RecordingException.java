package io.sessionflow.store.recording;

/**
 * A recording that lost data: events dropped at a full hand-off, batches the store refused until the end, or a
 * writer thread that failed. Carries the figures at the time and, when there was one, the last store failure.
 *
 * <p>Immutable after construction.
 */
public final class RecordingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient RecorderFigures figures;

    RecordingException(String message, RecorderFigures figures, Throwable cause) {
        super(message, cause);
        this.figures = figures;
    }

    /** The recorder's figures when it gave up. */
    public RecorderFigures figures() {
        return figures;
    }
}
