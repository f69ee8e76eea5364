package io.sessionflow.feed.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.domain.Bar;
import io.sessionflow.feed.Credentials;
import io.sessionflow.feed.FeedMessage;
import io.sessionflow.feed.FeedRequest;
import io.sessionflow.feed.FeedTransport;
import io.sessionflow.feed.Subscription;
import io.sessionflow.feed.alpaca.AlpacaCodec;
import io.sessionflow.feed.alpaca.AlpacaFeed;
import io.sessionflow.feed.alpaca.AlpacaTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The product's Alpaca client ({@link AlpacaTransport}) against a {@link FeedServer}, recording what it reports. A
 * client made {@link #stuck} blocks in its first data message until {@link #release()}: a strategy that stopped
 * reading, whose socket fills up.
 *
 * <p>Threading: the transport's callbacks on the JDK's threads; the test reads the queue.
 */
final class TestClient implements AutoCloseable {

    static final long WAIT_SECONDS = 20;
    static final Credentials KEY = Credentials.of("AKFEEDSERVER01", "feed-server-secret-0001");

    record Opened() {
    }

    record Closed(String reason) {
    }

    final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final AlpacaTransport transport;
    private final CountDownLatch released = new CountDownLatch(1);
    private final boolean stuck;

    private TestClient(URI base, AlpacaFeed feed, boolean stuck) {
        this.transport = new AlpacaTransport(base, feed, HttpClient.newHttpClient(), new AlpacaCodec(false),
                Duration.ofSeconds(WAIT_SECONDS));
        this.stuck = stuck;
    }

    /** A client connected to {@code server}'s feed path, welcome received. */
    static TestClient connect(FeedServer server) throws InterruptedException {
        return connect(server.baseUri(), server.settings().feed(), false);
    }

    static TestClient connect(URI base, AlpacaFeed feed, boolean stuck) throws InterruptedException {
        TestClient c = new TestClient(base, feed, stuck);
        c.reopen();
        return c;
    }

    /** A client that blocks in its first data message until {@link #release()}. */
    static TestClient stuck(FeedServer server) throws InterruptedException {
        return connect(server.baseUri(), server.settings().feed(), true);
    }

    /** Opens the connection (again) and waits for the welcome. */
    void reopen() throws InterruptedException {
        transport.open(new FeedTransport.Receiver() {
            @Override
            public void onOpen() {
                events.add(new Opened());
            }

            @Override
            public void onMessage(FeedMessage message) {
                boolean data = message instanceof FeedMessage.Bars || message instanceof FeedMessage.Trades
                        || message instanceof FeedMessage.Quotes;
                if (stuck && data) {
                    try {
                        released.await(2 * WAIT_SECONDS, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (message instanceof FeedMessage.Heartbeat) {
                    return;  // the server's pings: liveness, not data
                }
                events.add(message);
            }

            @Override
            public void onClosed(String reason) {
                events.add(new Closed(reason));
            }
        });
        assertThat(next()).isEqualTo(new Opened());
    }

    void release() {
        released.countDown();
    }

    void send(FeedRequest r) {
        transport.send(r);
    }

    /** Logs in with {@link #KEY}, subscribes to {@code s} and checks both answers. */
    void logInAndSubscribe(Subscription s) throws InterruptedException {
        send(new FeedRequest.Authenticate(KEY));
        assertThat(next()).isEqualTo(new FeedMessage.Authenticated());
        send(new FeedRequest.Subscribe(s));
        assertThat(next()).isEqualTo(new FeedMessage.Subscribed(s));
    }

    Object next() throws InterruptedException {
        Object o = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(o).as("a report from the client within %d s", WAIT_SECONDS).isNotNull();
        return o;
    }

    /** The next {@code n} bars, from as many frames as they come in; anything else fails. */
    List<Bar> bars(int n) throws InterruptedException {
        List<Bar> out = new ArrayList<>();
        while (out.size() < n) {
            Object o = next();
            assertThat(o).as("after %d bars", out.size()).isInstanceOf(FeedMessage.Bars.class);
            out.addAll(((FeedMessage.Bars) o).bars());
        }
        assertThat(out).as("exactly %d bars", n).hasSize(n);
        return out;
    }

    /** The next {@code n} data points of any kind, each message's in its order. */
    List<Object> points(int n) throws InterruptedException {
        List<Object> out = new ArrayList<>();
        while (out.size() < n) {
            Object o = next();
            if (o instanceof FeedMessage.Bars b) {
                out.addAll(b.bars());
            } else if (o instanceof FeedMessage.Quotes q) {
                out.addAll(q.quotes());
            } else if (o instanceof FeedMessage.Trades t) {
                out.addAll(t.trades());
            } else {
                throw new AssertionError("a data message expected after " + out.size() + " points, got " + o);
            }
        }
        return out;
    }

    /** Waits for the close report, skipping data still queued before it. */
    Closed awaitClosed() throws InterruptedException {
        while (true) {
            Object o = next();
            if (o instanceof Closed c) {
                return c;
            }
            assertThat(o).isInstanceOfAny(FeedMessage.Bars.class, FeedMessage.Quotes.class, FeedMessage.Trades.class,
                    FeedMessage.ServerError.class);
        }
    }

    @Override
    public void close() {
        release();
        transport.close();
    }
}
