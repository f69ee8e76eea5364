package io.sessionflow.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.storage.StorageException;
import io.sessionflow.store.jdbc.DriverMessages;
import io.sessionflow.store.jdbc.OpenMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Opens the PostgreSQL store; callers usually go through {@link io.sessionflow.store.Stores}. Stateless.
 *
 * <p>Every store call ends within a bound, even against a server that stops answering (frozen, or unreachable
 * mid-call): connections are made with these driver defaults, each replaced by a URL parameter of the same name.
 * <ul>
 *   <li>{@code connectTimeout=10} and {@code loginTimeout=10} (seconds): to open a connection and log in;</li>
 *   <li>{@code socketTimeout=330} (seconds): the longest the driver waits for the server to answer, and (see
 *       {@link WriteTimeout}) the longest a bulk write waits for the server to take data; longer than the statement
 *       timeout, so that a slow statement is ended by the server, which keeps the connection usable;</li>
 *   <li>{@code options=-c statement_timeout=300s -c lock_timeout=60s}: the server ends a statement that runs longer
 *       than 5 minutes, or waits longer than 1 minute for a lock (another writer's). A URL with its own
 *       {@code options} replaces both.</li>
 * </ul>
 * A pooled connection is waited for at most {@value #CONNECTION_TIMEOUT_MS} ms. A call that hits a limit fails with a
 * {@link StorageException} and changes nothing; the pool replaces the connection, so the next call may succeed.
 */
public final class Postgres {

    static final int CONNECT_TIMEOUT_SECONDS = 10;
    static final int LOGIN_TIMEOUT_SECONDS = 10;
    static final int SOCKET_TIMEOUT_SECONDS = 330;
    static final String SERVER_OPTIONS = "-c statement_timeout=300s -c lock_timeout=60s";

    private static final int POOL_SIZE = 4;
    private static final long CONNECTION_TIMEOUT_MS = 10_000;

    private Postgres() {
    }

    /**
     * Connects to the database of a {@code jdbc:postgresql://} URL and creates the tables when missing.
     *
     * @throws IllegalArgumentException naming the URL (without credentials) when it is not a PostgreSQL URL
     * @throws StorageException         naming the URL when the server cannot be reached or refuses the login
     */
    public static MarketDataStore open(String url) {
        return open(url, OpenMode.CREATE);
    }

    /**
     * Connects to the database of a {@code jdbc:postgresql://} URL that already holds a sessionflow store, creating
     * nothing: for read-only use.
     *
     * @throws IllegalArgumentException naming the URL (without credentials) when it is not a PostgreSQL URL or the
     *                                  database holds no sessionflow store
     * @throws StorageException         naming the URL when the server cannot be reached or refuses the login
     */
    public static MarketDataStore openExisting(String url) {
        return open(url, OpenMode.EXISTING);
    }

    private static MarketDataStore open(String url, OpenMode mode) {
        String shown = withoutSecrets(url);
        Properties effective = Driver.parseURL(url, driverProperties());
        if (effective == null) {
            throw new IllegalArgumentException("'" + shown + "' is not a valid jdbc:postgresql://host[:port]/database "
                    + "URL");
        }
        long socketTimeoutMillis = seconds(effective, "socketTimeout", shown) * 1000;
        // A first plain connection gives a one-line error for an unreachable server; the pool would log a trace.
        try (Connection probe = new Driver().connect(url, driverProperties())) {
            probe.getMetaData();
        } catch (SQLException e) {
            throw new StorageException("cannot connect to " + shown + ": " + DriverMessages.firstLine(e.getMessage()),
                    e);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setDataSourceProperties(driverProperties());
        config.setAutoCommit(false);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setPoolName("sessionflow " + shown);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StorageException("cannot connect to " + shown + ": " + DriverMessages.firstLine(e.getMessage()),
                    e);
        }
        return new PostgresStore(pool, shown, mode, socketTimeoutMillis);
    }

    /** The driver defaults of every connection; the URL's parameters take precedence over them. */
    static Properties driverProperties() {
        Properties p = new Properties();
        p.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        p.setProperty("loginTimeout", Integer.toString(LOGIN_TIMEOUT_SECONDS));
        p.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
        p.setProperty("options", SERVER_OPTIONS);
        return p;
    }

    /** Parameter {@code name} of the effective settings, in whole seconds. */
    private static long seconds(Properties effective, String name, String shown) {
        String value = effective.getProperty(name);
        try {
            long s = Long.parseLong(value.strip());
            if (s < 0) {
                throw new NumberFormatException("negative");
            }
            return s;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "='" + value + "' in " + shown + " is not a whole number of "
                    + "seconds", e);
        }
    }

    /**
     * The URL without user info and parameters, which may carry a password: what messages and descriptions show.
     */
    public static String withoutSecrets(String url) {
        String s = url;
        int query = s.indexOf('?');
        if (query >= 0) {
            s = s.substring(0, query);
        }
        int authority = s.indexOf("//");
        int at = s.lastIndexOf('@');
        if (authority >= 0 && at > authority) {
            s = s.substring(0, authority + 2) + s.substring(at + 1);
        }
        return s;
    }
}
