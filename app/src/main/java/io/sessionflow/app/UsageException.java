package io.sessionflow.app;

/** Bad usage or input found by a command's own checks: reported on one line, exit code 2. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
