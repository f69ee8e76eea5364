package io.sessionflow.coordinator;

/** The next session's data did not reach the coordinator within the refill timeout: the run fails, it never hangs. */
public final class SessionLoadTimeoutException extends RuntimeException {

    public SessionLoadTimeoutException(String message) {
        super(message);
    }
}
