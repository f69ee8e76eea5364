package io.sessionflow.feed.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bare JDK WebSocket client that sends any text and records the server's text frames as they come: for requests
 * the product's client never sends (malformed, unknown channels) and for logins by header.
 *
 * <p>Threading: the listener on the JDK's threads; the test reads the queue.
 */
final class RawClient implements AutoCloseable {

    final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<Integer> closes = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<Integer> pings = new LinkedBlockingQueue<>();
    private final WebSocket socket;

    private RawClient(URI uri, Map<String, String> headers) {
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder();
        headers.forEach(b::header);
        StringBuilder parts = new StringBuilder();
        socket = b.buildAsync(uri, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                parts.append(data);
                if (last) {
                    frames.add(parts.toString());
                    parts.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onPing(WebSocket ws, java.nio.ByteBuffer message) {
                pings.add(message.remaining());
                ws.request(1);
                return null;  // the JDK answers with a pong itself
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                closes.add(statusCode);
                return null;
            }
        }).join();
    }

    static RawClient connect(URI streamUri) {
        return new RawClient(streamUri, Map.of());
    }

    static RawClient connect(URI streamUri, Map<String, String> headers) {
        return new RawClient(streamUri, headers);
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    String next() throws InterruptedException {
        String f = frames.poll(TestClient.WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(f).as("a frame within %d s", TestClient.WAIT_SECONDS).isNotNull();
        return f;
    }

    /** Sends {@code text} and returns the next frame. */
    String ask(String text) throws InterruptedException {
        send(text);
        return next();
    }

    @Override
    public void close() {
        socket.abort();
    }
}
