package io.sessionflow.feed.alpaca;

import io.sessionflow.errors.ErrorText;
import io.sessionflow.feed.FeedMessage;
import io.sessionflow.feed.FeedRequest;
import io.sessionflow.feed.FeedTransport;
import io.sessionflow.time.WallClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Alpaca Market Data v2 stream ({@code wss://stream.data.alpaca.markets/v2/{iex|sip|test}}) on the JDK's
 * {@link WebSocket}; the wire format is {@link AlpacaCodec}'s. The connection is reported open
 * ({@link Receiver#onOpen()}) when the server's welcome {@code [{"T":"success","msg":"connected"}]} arrives, not when
 * the socket opens, so a server that accepts and never speaks runs into the connection's connect timeout. Text frames
 * that arrive in parts are joined before decoding (up to {@link #MAX_FRAME_CHARS}; a longer one is skipped). Flow
 * control: one more part is requested after each part is handled, so a flood waits in the socket, not in memory.
 * Credentials go only into the auth message; nothing this class logs or reports holds the secret. A
 * {@link FrameProbe} ({@link #withFrameProbe}) sees each frame with the time it arrived, for measurements.
 *
 * <p>Threading: {@link #open}, {@link #send} and {@link #close} from the connection's thread; the receiver is called
 * from the JDK's WebSocket threads, one call at a time per opening, and never after {@link #close()}.
 */
public final class AlpacaTransport implements FeedTransport {

    /** The production stream host, from Alpaca's documentation. */
    public static final URI DEFAULT_BASE = URI.create("wss://stream.data.alpaca.markets");
    /** The longest text frame accepted; Alpaca batches data points, but a frame of megabytes means a broken peer. */
    public static final int MAX_FRAME_CHARS = 16 * 1024 * 1024;
    /** How long a close may wait for the close frame to go out before the socket is aborted. */
    static final Duration CLOSE_BOUND = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(AlpacaTransport.class);

    private final URI uri;
    private final HttpClient http;
    private final AlpacaCodec codec;
    private final Duration connectTimeout;
    /** Reads the arrival time of frames for the probe; null without a probe. */
    private final WallClock probeClock;
    private final FrameProbe probe;
    private Session current;

    /**
     * Sees each whole text frame the transport decoded, with the wall time its last part arrived: a seam for
     * measuring what happens after the socket (the {@code bench} command's latency from frame to listener), not a
     * second receiver.
     *
     * <p>Threading: called on the WebSocket's thread, one call at a time, before the frame's messages go to the
     * receiver; it must return quickly. What it throws is logged and ignored.
     */
    @FunctionalInterface
    public interface FrameProbe {
        void onFrame(long receivedNanos, AlpacaCodec.Decoded frame);
    }

    /**
     * @param base           scheme, host and port, e.g. {@link #DEFAULT_BASE} or {@code ws://127.0.0.1:8765} in tests
     * @param connectTimeout how long the WebSocket handshake may take
     */
    public AlpacaTransport(URI base, AlpacaFeed feed, HttpClient http, AlpacaCodec codec, Duration connectTimeout) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(feed, "feed");
        String scheme = String.valueOf(base.getScheme()).toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("stream base " + base + " is not a ws:// or wss:// URI");
        }
        String b = base.toString();
        this.uri = URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + "/v2/" + feed.path());
        this.http = Objects.requireNonNull(http, "http");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.probeClock = null;
        this.probe = null;
    }

    private AlpacaTransport(AlpacaTransport t, WallClock probeClock, FrameProbe probe) {
        this.uri = t.uri;
        this.http = t.http;
        this.codec = t.codec;
        this.connectTimeout = t.connectTimeout;
        this.probeClock = probeClock;
        this.probe = probe;
    }

    /**
     * This transport's stream with {@code probe} called for every frame, the arrival read from {@code wall}. A new
     * transport, not yet opened.
     */
    public AlpacaTransport withFrameProbe(WallClock wall, FrameProbe probe) {
        return new AlpacaTransport(this, Objects.requireNonNull(wall, "wall"), Objects.requireNonNull(probe, "probe"));
    }

    /** The production stream of {@code feed}, with updated bars, a 10 s handshake bound and a new HTTP client. */
    public static AlpacaTransport of(AlpacaFeed feed) {
        return of(DEFAULT_BASE, feed);
    }

    /**
     * The stream of {@code feed} at {@code base} (Alpaca's, or a {@code sessionflow feed-server}'s such as
     * {@code ws://127.0.0.1:8765}), with updated bars, a 10 s handshake bound and a new HTTP client.
     */
    public static AlpacaTransport of(URI base, AlpacaFeed feed) {
        return new AlpacaTransport(base, feed, HttpClient.newHttpClient(), new AlpacaCodec(true),
                Duration.ofSeconds(10));
    }

    /** The stream URL. */
    public URI uri() {
        return uri;
    }

    @Override
    public void open(Receiver receiver) {
        Objects.requireNonNull(receiver, "receiver");
        close();
        Session s = new Session(receiver);
        current = s;
        LOG.debug("opening {}", uri);
        s.socket = http.newWebSocketBuilder().connectTimeout(connectTimeout).buildAsync(uri, s);
        s.sends = s.socket.thenApply(ws -> null);
        s.socket.whenComplete((ws, error) -> {
            if (error != null) {
                s.closed("could not open " + uri + ": " + rootCause(error));
            } else if (s.isClosed()) {
                ws.abort();  // closed while the handshake ran
            }
        });
    }

    @Override
    public void send(FeedRequest request) {
        Objects.requireNonNull(request, "request");
        Session s = current;
        if (s == null || s.isClosed()) {
            LOG.debug("not sending {}: {} is not open", AlpacaCodec.describe(request), uri);
            return;
        }
        String text = codec.encode(request);
        String what = AlpacaCodec.describe(request);
        LOG.debug("sending {} to {}", what, uri);
        // The JDK socket takes one message at a time: each send waits for the one before.
        s.sends = s.sends.thenCompose(v -> s.socket.thenCompose(ws -> ws.sendText(text, true)))
                .<Void>thenApply(ws -> null)
                .whenComplete((v, error) -> {
                    if (error != null) {
                        s.closed("sending " + what + " failed: " + rootCause(error));
                    }
                });
    }

    @Override
    public void close() {
        Session s = current;
        current = null;
        if (s == null) {
            return;
        }
        s.shut();
        s.socket.thenAccept(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "")
                .orTimeout(CLOSE_BOUND.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((w, e) -> ws.abort()));
    }

    private static String rootCause(Throwable t) {
        return AlpacaCodec.cut(ErrorText.root(t).toString());
    }

    @Override
    public String toString() {
        return "Alpaca stream " + uri;
    }

    /** One opening: its socket, its listener and its receiver; dead once closed by either side. */
    private final class Session implements WebSocket.Listener {
        private final Receiver receiver;
        private final StringBuilder parts = new StringBuilder();
        private boolean oversized;
        private boolean closed;
        volatile CompletableFuture<WebSocket> socket;
        volatile CompletableFuture<Void> sends;

        Session(Receiver receiver) {
            this.receiver = receiver;
        }

        synchronized boolean isClosed() {
            return closed;
        }

        synchronized void shut() {
            closed = true;
        }

        synchronized void closed(String reason) {
            if (!closed) {
                closed = true;
                receiver.onClosed(reason);
            }
        }

        private synchronized void frame(String text, long receivedNanos) {
            if (closed) {
                return;
            }
            AlpacaCodec.Decoded d = codec.decode(text);
            if (probe != null) {
                try {
                    probe.onFrame(receivedNanos, d);
                } catch (RuntimeException e) {
                    LOG.warn("the frame probe failed: {}", e.toString());
                }
            }
            if (d.connected()) {
                receiver.onOpen();
            }
            for (FeedMessage m : d.messages()) {
                receiver.onMessage(m);
            }
        }

        private synchronized void skipped(String reason) {
            if (!closed) {
                receiver.onMessage(new FeedMessage.Skipped(reason));
            }
        }

        @Override
        public void onOpen(WebSocket ws) {
            LOG.debug("socket open to {}; waiting for the welcome", uri);
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            long received = last && probeClock != null ? probeClock.nanoTime() : 0;
            if (!oversized && parts.length() + data.length() <= MAX_FRAME_CHARS) {
                parts.append(data);
            } else {
                oversized = true;
                parts.setLength(0);
            }
            if (last) {
                if (oversized) {
                    skipped("a text frame longer than " + MAX_FRAME_CHARS + " characters");
                } else {
                    frame(parts.toString(), received);
                }
                parts.setLength(0);
                oversized = false;
            }
            ws.request(1);
            return null;
        }

        /** The JDK answers the ping itself; the feed hears the server is alive (its silence timeout restarts). */
        @Override
        public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
            synchronized (this) {
                if (!closed) {
                    receiver.onMessage(new FeedMessage.Heartbeat());
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            if (last) {
                skipped("a binary frame (the stream sends JSON text)");
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed("closed by the server with code " + statusCode + (reason.isEmpty() ? "" : ": "
                    + AlpacaCodec.cut(reason)));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed("WebSocket error: " + rootCause(error));
        }

        @Override
        public String toString() {
            return "session " + uri;
        }
    }
}
