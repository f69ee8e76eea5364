package io.sessionflow.feed.server;

import io.javalin.websocket.WsBinaryMessageContext;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsErrorContext;
import io.javalin.websocket.WsMessageContext;
import io.sessionflow.agent.WakeSignal;
import io.sessionflow.feed.Credentials;
import io.sessionflow.feed.alpaca.AlpacaWire;
import io.sessionflow.time.WallClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream protocol on the server's side: the welcome on connect, logins (by message, or by the
 * {@code APCA-API-KEY-ID} / {@code APCA-API-SECRET-KEY} headers of the upgrade request), subscribe and unsubscribe,
 * and the errors Alpaca documents (400 invalid syntax, 401 not authenticated, 402 auth failed, 403 already
 * authenticated, 404 auth timeout, 405 symbol limit exceeded, 406 connection limit exceeded, 409 insufficient
 * subscription for a login on another feed path, 410 invalid subscribe action). After a 402 the connection stays
 * open for another try until the auth timeout. Also what the sender thread needs of the connections: the data to
 * send, the auth deadlines, the pings.
 *
 * <p>Threading: the {@code on*} methods on the web server's threads (Jetty calls them one at a time per
 * connection); {@link #broadcast}, {@link #expireLogins}, {@link #ping} and {@link #closeAll} on the sender or the
 * stopping thread. The connections are in a concurrent map; logins are serialized on this object, so that the
 * connection limit holds.
 */
final class StreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StreamHandler.class);
    /** Alpaca's headers for a login in the upgrade request. */
    static final String KEY_HEADER = "APCA-API-KEY-ID";
    static final String SECRET_HEADER = "APCA-API-SECRET-KEY";
    /** The most data points in one frame; more due at once go in several frames. */
    static final int MAX_POINTS_PER_FRAME = 1_000;

    private final FeedServerSettings settings;
    private final WallClock wall;
    private final WakeSignal wake;
    private final ServerCounters counters;
    private final Map<String, StreamClient> clients = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    StreamHandler(FeedServerSettings settings, WallClock wall, WakeSignal wake, ServerCounters counters) {
        this.settings = settings;
        this.wall = wall;
        this.wake = wake;
        this.counters = counters;
    }

    void onConnect(WsConnectContext ctx) {
        StreamClient c = new StreamClient(ids.incrementAndGet(), ctx.session, ctx.pathParam("feed"), wall.nanoTime(),
                settings.clientBufferChars(), counters);
        clients.put(ctx.sessionId(), c);
        LOG.debug("{} connected to /v2/{}", c, c.feedPath);
        c.send(AlpacaWire.connected());
        String key = ctx.header(KEY_HEADER);
        String secret = ctx.header(SECRET_HEADER);
        if (key != null && secret != null) {
            logIn(c, key, secret);
        }
        wake.wake();  // a new auth deadline for the sender
    }

    void onMessage(WsMessageContext ctx) {
        StreamClient c = clients.get(ctx.sessionId());
        if (c == null) {
            return;
        }
        try {
            handle(c, ClientRequest.parse(ctx.message()));
        } catch (RuntimeException e) {
            LOG.warn("{}: a message failed: {}", c, e.toString());
            c.send(AlpacaWire.error(AlpacaWire.Error.INTERNAL_ERROR));
        }
    }

    void onBinaryMessage(WsBinaryMessageContext ctx) {
        StreamClient c = clients.get(ctx.sessionId());
        if (c != null) {
            LOG.debug("{}: a binary message (only JSON text is served)", c);
            c.send(AlpacaWire.error(AlpacaWire.Error.INVALID_SYNTAX));
        }
    }

    void onClose(WsCloseContext ctx) {
        StreamClient c = clients.remove(ctx.sessionId());
        if (c != null) {
            c.closed();
            LOG.debug("{} closed ({} {})", c, ctx.status(), ctx.reason());
        }
    }

    void onError(WsErrorContext ctx) {
        StreamClient c = clients.get(ctx.sessionId());
        LOG.debug("{}: {}", c, String.valueOf(ctx.error()));
    }

    private void handle(StreamClient c, ClientRequest request) {
        if (request instanceof ClientRequest.Auth a) {
            logIn(c, a.key(), a.secret());
        } else if (request instanceof ClientRequest.Change ch) {
            if (!c.isLoggedIn()) {
                c.send(AlpacaWire.error(AlpacaWire.Error.NOT_AUTHENTICATED));
            } else {
                c.change(ch.add(), ch.channels(), settings.symbolLimit());
                LOG.debug("{} {} {}", c, ch.add() ? "subscribed" : "unsubscribed", ch.channels());
                wake.wake();  // a schedule waiting for its first subscription starts now
            }
        } else if (request instanceof ClientRequest.Invalid i) {
            LOG.debug("{}: {} ({})", c, i.error().message(), i.why());
            c.send(AlpacaWire.error(i.error()));
        }
    }

    private synchronized void logIn(StreamClient c, String key, String secret) {
        if (c.isLoggedIn()) {
            c.send(AlpacaWire.error(AlpacaWire.Error.ALREADY_AUTHENTICATED));
            return;
        }
        if (!c.feedPath.equals(settings.feed().path())) {
            LOG.info("{}: login on /v2/{}, but this server serves /v2/{}", c, c.feedPath, settings.feed().path());
            c.send(AlpacaWire.error(AlpacaWire.Error.INSUFFICIENT_SUBSCRIPTION));
            return;
        }
        if (settings.credentials().isPresent() && !matches(settings.credentials().get(), key, secret)) {
            LOG.info("{}: login refused (wrong key or secret)", c);
            c.send(AlpacaWire.error(AlpacaWire.Error.AUTH_FAILED));
            return;
        }
        if (settings.connectionLimit() > 0 && loggedIn() >= settings.connectionLimit()) {
            LOG.info("{}: login refused, {} connection(s) already logged in (the limit)", c,
                    settings.connectionLimit());
            c.refuse(AlpacaWire.Error.CONNECTION_LIMIT_EXCEEDED);
            return;
        }
        c.logIn();
        c.send(AlpacaWire.authenticated());
        LOG.info("{} logged in", c);
    }

    /** Both compared in constant time, so that the answer's timing says nothing about how much matched. */
    private static boolean matches(Credentials expected, String key, String secret) {
        boolean k = MessageDigest.isEqual(expected.keyId().getBytes(StandardCharsets.UTF_8),
                key.strip().getBytes(StandardCharsets.UTF_8));
        boolean s = MessageDigest.isEqual(expected.secret().getBytes(StandardCharsets.UTF_8),
                secret.strip().getBytes(StandardCharsets.UTF_8));
        return k & s;
    }

    private int loggedIn() {
        int n = 0;
        for (StreamClient c : clients.values()) {
            if (c.isLoggedIn() && !c.isClosed()) {
                n++;
            }
        }
        return n;
    }

    /** Hands the points to every logged-in connection, each its subscribed ones, in frames of at most 1,000. */
    void broadcast(List<SessionTimeline.Point> points) {
        for (StreamClient c : clients.values()) {
            ChannelSet channels = c.subscription();
            if (channels == null || !channels.wantsData()) {
                continue;
            }
            List<String> frame = new ArrayList<>();
            for (SessionTimeline.Point p : points) {
                if (channels.wants(p.type, p.symbol)) {
                    frame.add(p.json());
                    if (frame.size() == MAX_POINTS_PER_FRAME) {
                        if (!c.send(AlpacaWire.frame(frame))) {
                            break;
                        }
                        frame = new ArrayList<>();
                    }
                }
            }
            if (!frame.isEmpty()) {
                c.send(AlpacaWire.frame(frame));
            }
        }
    }

    /** Refuses (404) the connections that did not log in within the auth timeout; how many. */
    int expireLogins(long nowNanos) {
        int n = 0;
        long timeout = settings.authTimeout().toNanos();
        for (StreamClient c : clients.values()) {
            if (!c.isLoggedIn() && !c.isClosed() && nowNanos - c.connectedNanos >= timeout) {
                LOG.info("{}: no login within {}", c, settings.authTimeout());
                c.refuse(AlpacaWire.Error.AUTH_TIMEOUT);
                n++;
            }
        }
        return n;
    }

    /** The earliest auth deadline of a connection still waiting to log in; {@link Long#MAX_VALUE} when none. */
    long nextLoginDeadline() {
        long next = Long.MAX_VALUE;
        long timeout = settings.authTimeout().toNanos();
        for (StreamClient c : clients.values()) {
            if (!c.isLoggedIn() && !c.isClosed()) {
                next = Math.min(next, c.connectedNanos + timeout);
            }
        }
        return next;
    }

    void ping() {
        clients.values().forEach(StreamClient::ping);
    }

    /** Whether a logged-in connection subscribes to data (bars, quotes or trades). */
    boolean anySubscribed() {
        for (StreamClient c : clients.values()) {
            ChannelSet s = c.subscription();
            if (s != null && s.wantsData()) {
                return true;
            }
        }
        return false;
    }

    /** Closes every connection with 1001 (going away): the server is stopping. */
    void closeAll() {
        for (StreamClient c : clients.values()) {
            c.close(StatusCode.SHUTDOWN, "server stopping");
        }
    }

    int connections() {
        return clients.size();
    }

    int loggedInConnections() {
        return loggedIn();
    }
}
