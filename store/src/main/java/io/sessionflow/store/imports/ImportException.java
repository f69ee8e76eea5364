package io.sessionflow.store.imports;

/**
 * Bad input found by an import: a bad row ({@code file:line: reason}), a missing or unreadable file, a header
 * without a needed column. It is an {@link IllegalArgumentException} because it is the caller's input that is wrong,
 * never storage; nothing has been written when it is thrown. Immutable once thrown.
 */
public final class ImportException extends IllegalArgumentException {

    public ImportException(String message) {
        super(message);
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
