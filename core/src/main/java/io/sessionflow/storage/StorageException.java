package io.sessionflow.storage;

/**
 * Storage failed (connection lost, timeout, disk full): an I/O failure that callers may retry, as opposed to bad
 * input, which is an {@link IllegalArgumentException} raised before any SQL runs.
 *
 * <p>Immutable once thrown.
 */
public final class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
