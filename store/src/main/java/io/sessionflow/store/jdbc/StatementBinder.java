package io.sessionflow.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Sets the parameters of a prepared query. Called on the thread that runs the query. */
@FunctionalInterface
public interface StatementBinder {

    /** For queries without parameters. */
    StatementBinder NONE = statement -> {
    };

    void bind(PreparedStatement statement) throws SQLException;
}
