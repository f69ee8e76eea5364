package io.sessionflow.api;

/**
 * A session's data could not be loaded: storage failed for good (the cause says why) or did not answer within the
 * refill timeout. The run fails with it.
 *
 * <p>Immutable.
 */
public final class SessionLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SessionLoadException(String message) {
        super(message);
    }

    public SessionLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
