package io.sessionflow.coordinator;

/**
 * The next session's data did not reach the coordinator within the refill timeout, or its loader gave up on it
 * (then the loader's failure is the cause): the run fails, it never hangs.
 *
 * <p>Immutable once thrown.
 */
public final class SessionLoadTimeoutException extends RuntimeException {

    public SessionLoadTimeoutException(String message) {
        super(message);
    }

    /** The loader gave up on the session: {@code cause} is why. */
    public SessionLoadTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
