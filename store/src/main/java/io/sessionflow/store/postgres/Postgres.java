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

/** Opens the PostgreSQL store; callers go through {@link io.sessionflow.store.Stores#open(String)}. Stateless. */
public final class Postgres {

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
        if (Driver.parseURL(url, new Properties()) == null) {
            throw new IllegalArgumentException("'" + shown + "' is not a valid jdbc:postgresql://host[:port]/database "
                    + "URL");
        }
        // A first plain connection gives a one-line error for an unreachable server; the pool would log a trace.
        try (Connection probe = new Driver().connect(url, new Properties())) {
            probe.getMetaData();
        } catch (SQLException e) {
            throw new StorageException("cannot connect to " + shown + ": " + DriverMessages.firstLine(e.getMessage()), e);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setAutoCommit(false);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setPoolName("sessionflow " + shown);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StorageException("cannot connect to " + shown + ": " + DriverMessages.firstLine(e.getMessage()), e);
        }
        return new PostgresStore(pool, shown, mode);
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
