package io.sessionflow.store.postgres;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The PostgreSQL server the tests use, from {@code SESSIONFLOW_TEST_PG_URL}: tests skip without it, except on CI
 * ({@code CI=true}), where a missing server fails them. Each test gets a schema of its own.
 */
public final class TestServer {

    static final String URL_VARIABLE = "SESSIONFLOW_TEST_PG_URL";

    private static final String SKIPPED = "PostgreSQL store tests skipped: set " + URL_VARIABLE
            + " (e.g. jdbc:postgresql://127.0.0.1:5432/test?user=me) to run them";
    private static boolean told;

    private TestServer() {
    }

    /**
     * The server's JDBC URL; skips the calling test when none is configured, saying so once on stderr, or fails it
     * on CI.
     */
    public static synchronized String url() {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(URL_VARIABLE + " is not set but CI=true: the PostgreSQL store tests must run on CI "
                        + "(.ci/run starts a server and sets it)");
            }
            if (!told) {
                told = true;
                System.err.println(SKIPPED);
            }
            assumeTrue(false, SKIPPED);
        }
        return url;
    }

    /** Creates a fresh schema and returns its name. */
    public static String createSchema(String url) throws SQLException {
        String schema = "sf_test_" + UUID.randomUUID().toString().replace("-", "");
        execute(url, "CREATE SCHEMA " + schema);
        return schema;
    }

    public static void dropSchema(String url, String schema) throws SQLException {
        execute(url, "DROP SCHEMA " + schema + " CASCADE");
    }

    /** {@code url} with the schema as the connections' search path. */
    public static String inSchema(String url, String schema) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** The first column of every row of a query. */
    static List<String> strings(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
