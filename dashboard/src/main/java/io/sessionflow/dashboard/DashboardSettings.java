package io.sessionflow.dashboard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Where the dashboard listens and the token that mutating requests must carry.
 *
 * @param host  a name or address of this machine; 127.0.0.1 unless opened deliberately
 * @param port  0 for any free port
 * @param token the secret of {@code X-Sessionflow-Token}; never logged
 *
 * <p>Immutable.
 */
public record DashboardSettings(String host, int port, AccessToken token) {

    public static final String LOOPBACK = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    public DashboardSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(token, "token");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is not in 0..65535");
        }
    }

    /** The address {@link #host} names, or an exception naming it when it does not resolve. */
    public InetAddress address() {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("host '" + host + "' does not resolve to an address of this machine");
        }
    }

    /** Whether only this machine can reach the server. */
    public boolean loopbackOnly() {
        return address().isLoopbackAddress();
    }
}
