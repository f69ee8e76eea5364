package io.sessionflow.dashboard;

/**
 * The dashboard could not start: its host does not resolve or its port cannot be bound. The message names them.
 *
 * <p>Immutable.
 */
public final class DashboardStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DashboardStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
