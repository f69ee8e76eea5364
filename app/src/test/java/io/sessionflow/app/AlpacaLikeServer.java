package io.sessionflow.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sessionflow.domain.Bar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A local stand-in for Alpaca's stream (and so for a {@code sessionflow feed-server}) on 127.0.0.1 and a free port,
 * for the tests of {@code sessionflow live}: it greets, checks the credentials against the expected pair (refusing
 * with Alpaca's 402 otherwise), and answers a subscription with one frame: the acknowledgement followed by the bars
 * it was given. Requests are parsed as JSON, so the order of their fields does not matter.
 *
 * <p>Threading: the callbacks run on the server's threads; the queue and latches are safe to read from the test.
 */
final class AlpacaLikeServer extends WebSocketServer {

    static final String WELCOME = "[{\"T\":\"success\",\"msg\":\"connected\"}]";
    static final String AUTHENTICATED = "[{\"T\":\"success\",\"msg\":\"authenticated\"}]";
    static final String AUTH_FAILED = "[{\"T\":\"error\",\"code\":402,\"msg\":\"auth failed\"}]";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every text a client sent, in order. */
    final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    /** Counted down when a subscription was answered. */
    final CountDownLatch subscribed = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);
    private final String key;
    private final String secret;
    private final String bars;

    /** A server accepting {@code key}/{@code secret} that sends {@code bars} (Alpaca "b" messages) when subscribed. */
    AlpacaLikeServer(String key, String secret, List<Bar> bars) {
        super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.key = key;
        this.secret = secret;
        ArrayNode frame = JSON.createArrayNode();
        for (Bar b : bars) {
            frame.add(alpacaBar(b));
        }
        this.bars = frame.toString();
        setReuseAddr(true);
    }

    /** A bar as an Alpaca {@code "b"} element; the time is the bar's start. */
    static ObjectNode alpacaBar(Bar b) {
        ObjectNode o = JSON.createObjectNode();
        o.put("T", "b").put("S", b.symbol().value()).put("o", b.open()).put("h", b.high()).put("l", b.low())
                .put("c", b.close()).put("v", b.volume()).put("t", b.start().toString());
        return o;
    }

    AlpacaLikeServer startAndWait() throws InterruptedException {
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test server did not start within 10 s");
        }
        return this;
    }

    /** The stream base for {@code --url}: ws://127.0.0.1:PORT. */
    URI base() {
        return URI.create("ws://127.0.0.1:" + getPort());
    }

    void shutdown() throws InterruptedException {
        stop(2_000);
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        conn.send(WELCOME);
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        received.add(message);
        JsonNode request;
        try {
            request = JSON.readTree(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        switch (request.path("action").asText()) {
            case "auth" -> conn.send(key.equals(request.path("key").asText())
                    && secret.equals(request.path("secret").asText()) ? AUTHENTICATED : AUTH_FAILED);
            case "subscribe" -> {
                ArrayNode answer = JSON.createArrayNode();
                ObjectNode ack = answer.addObject().put("T", "subscription");
                ack.putArray("trades");
                ack.putArray("quotes");
                ack.set("bars", request.path("bars"));
                // One frame: the acknowledgement, then the data, as a replaying server starts right away.
                String frame = answer.toString();
                conn.send(frame.substring(0, frame.length() - 1) + (bars.equals("[]") ? "]"
                        : "," + bars.substring(1)));
                subscribed.countDown();
            }
            default -> conn.send("[{\"T\":\"error\",\"code\":400,\"msg\":\"invalid syntax\"}]");
        }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        // the client's side of the story is in the command's output
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        // a test sees the outcome through the command
    }

    @Override
    public void onStart() {
        started.countDown();
    }
}
