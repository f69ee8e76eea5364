package io.sessionflow.store.jdbc;

/** Driver messages cut for one-line errors. Stateless. */
public final class DriverMessages {

    private DriverMessages() {
    }

    /** The first line of a driver message: DuckDB's and PostgreSQL's carry SQL context on later lines. */
    public static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
