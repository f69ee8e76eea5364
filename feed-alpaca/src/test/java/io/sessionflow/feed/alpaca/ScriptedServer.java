package io.sessionflow.feed.alpaca;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.java_websocket.WebSocket;
import org.java_websocket.enums.Opcode;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A local Alpaca-like stream on 127.0.0.1 and a free port: it sends the welcome on connect and answers each client
 * text with what the test's script sends. Tests start it with {@link #startAndWait} and stop it in a finally block.
 *
 * <p>Threading: the server's callbacks run on its own threads; the queues and latches are safe to read from the test.
 */
final class ScriptedServer extends WebSocketServer {

    static final String WELCOME = "[{\"T\":\"success\",\"msg\":\"connected\"}]";
    static final String AUTHENTICATED = "[{\"T\":\"success\",\"msg\":\"authenticated\"}]";

    final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    final CountDownLatch clientClosed = new CountDownLatch(1);
    /** Counts down for each pong a client answers a ping with. */
    final CountDownLatch pong = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);
    private final boolean welcome;
    private final BiConsumer<WebSocket, String> script;

    /**
     * @param welcome whether to greet a connecting client
     * @param script  what to do with each text the client sends (the text is also put into {@link #received})
     */
    ScriptedServer(boolean welcome, BiConsumer<WebSocket, String> script) {
        super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.welcome = welcome;
        this.script = script;
        setReuseAddr(true);
    }

    ScriptedServer startAndWait() throws InterruptedException {
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test server did not start within 10 s");
        }
        return this;
    }

    /** The base URI for the transport: ws://127.0.0.1:PORT. */
    java.net.URI base() {
        return java.net.URI.create("ws://127.0.0.1:" + getPort());
    }

    void shutdown() throws InterruptedException {
        stop(2_000);
    }

    /** Sends {@code text} as one text message in {@code parts.size()} frames, cut at the given offsets. */
    static void sendInParts(WebSocket conn, String text, List<Integer> cuts) {
        int from = 0;
        for (int i = 0; i <= cuts.size(); i++) {
            int to = i < cuts.size() ? cuts.get(i) : text.length();
            conn.sendFragmentedFrame(Opcode.TEXT,
                    ByteBuffer.wrap(text.substring(from, to).getBytes(StandardCharsets.UTF_8)), i == cuts.size());
            from = to;
        }
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        if (welcome) {
            conn.send(WELCOME);
        }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        clientClosed.countDown();
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        received.add(message);
        script.accept(conn, message);
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        // A test sees the outcome through the client; the server has nothing to add.
    }

    @Override
    public void onWebsocketPong(WebSocket conn, org.java_websocket.framing.Framedata f) {
        pong.countDown();
    }

    @Override
    public void onStart() {
        started.countDown();
    }
}
