package io.sessionflow.feed.server;

import io.sessionflow.feed.Credentials;
import io.sessionflow.feed.alpaca.AlpacaFeed;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link FeedServer} listens and whom it serves.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param host              the address to listen on; {@link #DEFAULT_HOST} unless the user says otherwise
 * @param port              the port; 0 picks a free one ({@link FeedServer#port()} tells which)
 * @param feed              the feed path served, {@code /v2/iex} and so on; a login on another path gets 409
 * @param credentials       the one key and secret accepted (402 for others); empty accepts any
 * @param connectionLimit   logged-in connections allowed at once (406 for one more); 0 for no limit
 * @param symbolLimit       symbols allowed on the trades and quotes channels together (405 beyond); 0 for none
 * @param authTimeout       how long a connection may stay without a login (then 404 and closed)
 * @param clientBufferChars the characters of frames queued for one client at most; a client that falls further
 *                          behind is disconnected as slow (407)
 * @param pingInterval      how often every connection gets a WebSocket ping (wall time), so that idle connections
 *                          between sessions stay open
 * @param stopTimeout       how long {@link FeedServer#close()} waits for the sender thread and the web server each
 */
public record FeedServerSettings(String host, int port, AlpacaFeed feed, Optional<Credentials> credentials,
                                 int connectionLimit, int symbolLimit, Duration authTimeout, int clientBufferChars,
                                 Duration pingInterval, Duration stopTimeout) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8765;

    /** 127.0.0.1:8765, {@code /v2/iex}, any credentials, no limits, Alpaca's 10 s to log in, 4 Mi chars a client. */
    public static final FeedServerSettings DEFAULT = new FeedServerSettings(DEFAULT_HOST, DEFAULT_PORT,
            AlpacaFeed.IEX, Optional.empty(), 0, 0, Duration.ofSeconds(10), 4 * 1024 * 1024, Duration.ofSeconds(20),
            Duration.ofSeconds(5));

    public FeedServerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(credentials, "credentials");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is blank");
        }
        host = host.strip();
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is not in 0..65535");
        }
        if (connectionLimit < 0 || symbolLimit < 0) {
            throw new IllegalArgumentException("connection limit " + connectionLimit + " and symbol limit "
                    + symbolLimit + " must not be negative (0 = no limit)");
        }
        positive("authTimeout", authTimeout);
        positive("pingInterval", pingInterval);
        positive("stopTimeout", stopTimeout);
        if (clientBufferChars < 1024) {
            throw new IllegalArgumentException("client buffer of " + clientBufferChars
                    + " chars is below 1024 (one frame of a few points)");
        }
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " " + d + " is not positive");
        }
    }

    public FeedServerSettings withHost(String h) {
        return new FeedServerSettings(h, port, feed, credentials, connectionLimit, symbolLimit, authTimeout,
                clientBufferChars, pingInterval, stopTimeout);
    }

    public FeedServerSettings withPort(int p) {
        return new FeedServerSettings(host, p, feed, credentials, connectionLimit, symbolLimit, authTimeout,
                clientBufferChars, pingInterval, stopTimeout);
    }

    public FeedServerSettings withFeed(AlpacaFeed f) {
        return new FeedServerSettings(host, port, f, credentials, connectionLimit, symbolLimit, authTimeout,
                clientBufferChars, pingInterval, stopTimeout);
    }

    /** Only {@code c} logs in; others get 402. */
    public FeedServerSettings withCredentials(Credentials c) {
        return new FeedServerSettings(host, port, feed, Optional.of(c), connectionLimit, symbolLimit, authTimeout,
                clientBufferChars, pingInterval, stopTimeout);
    }

    /** Any key and secret log in. */
    public FeedServerSettings acceptingAnyCredentials() {
        return new FeedServerSettings(host, port, feed, Optional.empty(), connectionLimit, symbolLimit, authTimeout,
                clientBufferChars, pingInterval, stopTimeout);
    }

    public FeedServerSettings withConnectionLimit(int n) {
        return new FeedServerSettings(host, port, feed, credentials, n, symbolLimit, authTimeout, clientBufferChars,
                pingInterval, stopTimeout);
    }

    public FeedServerSettings withSymbolLimit(int n) {
        return new FeedServerSettings(host, port, feed, credentials, connectionLimit, n, authTimeout,
                clientBufferChars, pingInterval, stopTimeout);
    }

    public FeedServerSettings withAuthTimeout(Duration d) {
        return new FeedServerSettings(host, port, feed, credentials, connectionLimit, symbolLimit, d,
                clientBufferChars, pingInterval, stopTimeout);
    }

    public FeedServerSettings withClientBufferChars(int n) {
        return new FeedServerSettings(host, port, feed, credentials, connectionLimit, symbolLimit, authTimeout, n,
                pingInterval, stopTimeout);
    }

    public FeedServerSettings withPingInterval(Duration d) {
        return new FeedServerSettings(host, port, feed, credentials, connectionLimit, symbolLimit, authTimeout,
                clientBufferChars, d, stopTimeout);
    }

    public FeedServerSettings withStopTimeout(Duration d) {
        return new FeedServerSettings(host, port, feed, credentials, connectionLimit, symbolLimit, authTimeout,
                clientBufferChars, pingInterval, d);
    }

    /** For logs: the credentials show as the redacted key id or "any". */
    @Override
    public String toString() {
        return "FeedServerSettings[" + host + ":" + port + "/v2/" + feed.path() + ", credentials "
                + credentials.map(Credentials::redactedKeyId).orElse("any") + ", connection limit "
                + (connectionLimit == 0 ? "none" : connectionLimit) + ", symbol limit "
                + (symbolLimit == 0 ? "none" : symbolLimit) + ", auth timeout " + authTimeout + ", client buffer "
                + clientBufferChars + " chars]";
    }
}
