package io.sessionflow.feed.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.feed.Credentials;
import io.sessionflow.feed.FeedMessage;
import io.sessionflow.feed.FeedRequest;
import io.sessionflow.feed.FeedTransport;
import io.sessionflow.feed.Subscription;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The transport against a local WebSocket server playing Alpaca-shaped frames. */
class AlpacaTransportTest {

    static final String KEY = "AKTESTKEY0001";
    static final String SECRET = "s3cr3t-never-in-a-log-9f8e7d";
    static final Credentials CREDENTIALS = Credentials.of(KEY, SECRET);
    static final String AUTH_JSON = "{\"action\":\"auth\",\"key\":\"" + KEY + "\",\"secret\":\"" + SECRET + "\"}";
    static final Symbol AAPL = Symbol.of("AAPL");

    private static final long WAIT_SECONDS = 10;

    /** What the transport reported, in order. */
    record Opened() {
    }

    record Closed(String reason) {
    }

    static final class Recorder implements FeedTransport.Receiver {
        final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();

        @Override
        public void onOpen() {
            events.add(new Opened());
        }

        @Override
        public void onMessage(FeedMessage message) {
            events.add(message);
        }

        @Override
        public void onClosed(String reason) {
            events.add(new Closed(reason));
        }

        Object next() throws InterruptedException {
            Object o = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(o).as("a report from the transport within %d s", WAIT_SECONDS).isNotNull();
            return o;
        }
    }

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger ours = (Logger) LoggerFactory.getLogger("io.sessionflow");
    private Level oursBefore;
    private ScriptedServer server;
    private AlpacaTransport transport;

    @BeforeEach
    void captureLogs() {
        // Every line the connector can write, DEBUG included, is checked for the secret.
        oursBefore = ours.getLevel();
        ours.setLevel(Level.TRACE);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (transport != null) {
            transport.close();
        }
        if (server != null) {
            server.shutdown();
        }
        root.detachAppender(logs);
        ours.setLevel(oursBefore);
        for (ILoggingEvent e : logs.list) {
            assertThat(e.getFormattedMessage()).doesNotContain(SECRET);
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET);
            }
        }
    }

    private AlpacaTransport transport(ScriptedServer s) {
        transport = new AlpacaTransport(s.base(), AlpacaFeed.TEST, HttpClient.newHttpClient(), new AlpacaCodec(false),
                Duration.ofSeconds(WAIT_SECONDS));
        return transport;
    }

    /** Answers the login and the subscription as Alpaca does, then plays the data frames. */
    static void alpaca(WebSocket conn, String text) {
        if (text.contains("\"action\":\"auth\"")) {
            conn.send(text.equals(AUTH_JSON) ? ScriptedServer.AUTHENTICATED
                    : "[{\"T\":\"error\",\"code\":402,\"msg\":\"auth failed\"}]");
        } else if (text.contains("\"action\":\"subscribe\"")) {
            conn.send("[{\"T\":\"subscription\",\"trades\":[\"AAPL\"],\"quotes\":[],\"bars\":[]}]");
            conn.send("[" + AlpacaCodecTest.TRADE + "]");
            conn.send("[" + AlpacaCodecTest.QUOTE + "]");
            conn.send("[" + AlpacaCodecTest.BAR + "]");
            conn.send("[{\"T\":\"t\",\"S\":\"AAPL\"");  // cut short
            String split = "[" + AlpacaCodecTest.TRADE + "," + AlpacaCodecTest.TRADE + "]";
            ScriptedServer.sendInParts(conn, split, List.of(5, 40, split.length() - 3));
        }
    }

    @Test
    void logsInSubscribesAndDecodesEveryFrameIncludingOneInParts() throws InterruptedException {
        server = new ScriptedServer(true, AlpacaTransportTest::alpaca).startAndWait();
        AlpacaTransport t = transport(server);
        assertThat(t.uri().toString()).isEqualTo(server.base() + "/v2/test");
        Recorder r = new Recorder();
        t.open(r);
        assertThat(r.next()).isEqualTo(new Opened());

        t.send(new FeedRequest.Authenticate(CREDENTIALS));
        assertThat(server.received.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(AUTH_JSON);
        assertThat(r.next()).isEqualTo(new FeedMessage.Authenticated());

        t.send(new FeedRequest.Subscribe(Subscription.of(StreamType.TRADES, AAPL)));
        assertThat(server.received.poll(WAIT_SECONDS, TimeUnit.SECONDS))
                .isEqualTo("{\"action\":\"subscribe\",\"trades\":[\"AAPL\"]}");
        assertThat(r.next()).isEqualTo(new FeedMessage.Subscribed(Subscription.of(StreamType.TRADES, AAPL)));
        AlpacaCodec codec = new AlpacaCodec(false);
        List<FeedMessage> trade = codec.decode("[" + AlpacaCodecTest.TRADE + "]").messages();
        assertThat(r.next()).isEqualTo(trade.get(0));
        assertThat(r.next()).isEqualTo(codec.decode("[" + AlpacaCodecTest.QUOTE + "]").messages().get(0));
        assertThat(r.next()).isEqualTo(codec.decode("[" + AlpacaCodecTest.BAR + "]").messages().get(0));
        assertThat(r.next()).isInstanceOfSatisfying(FeedMessage.Skipped.class,
                s -> assertThat(s.reason()).startsWith("malformed JSON"));
        FeedMessage.Trades joined = (FeedMessage.Trades) r.next();
        assertThat(joined.trades()).hasSize(2).allMatch(x -> x.equals(((FeedMessage.Trades) trade.get(0))
                .trades().get(0)));

        assertThat(logs.list).as("the login is logged, by the key's last four characters only")
                .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("sending auth for key …0001"));
        t.close();
        assertThat(server.clientClosed.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the socket closed").isTrue();
        List<Object> after = new ArrayList<>();
        r.events.drainTo(after);
        assertThat(after).as("nothing is reported after close()").isEmpty();
    }

    @Test
    void wrongCredentialsAreRejectedWithoutTheSecretInTheReason() throws InterruptedException {
        server = new ScriptedServer(true, AlpacaTransportTest::alpaca).startAndWait();
        AlpacaTransport t = transport(server);
        Recorder r = new Recorder();
        t.open(r);
        assertThat(r.next()).isEqualTo(new Opened());
        t.send(new FeedRequest.Authenticate(Credentials.of(KEY, SECRET + "-wrong")));
        assertThat(r.next()).isInstanceOfSatisfying(FeedMessage.AuthRejected.class,
                a -> assertThat(a.reason()).contains("402").contains("auth failed").doesNotContain(SECRET));
    }

    @Test
    void theConnectionLimitIsARetryableErrorAndTheServerClosingIsReported() throws InterruptedException {
        server = new ScriptedServer(true, (conn, text) -> {
            conn.send("[{\"T\":\"error\",\"code\":406,\"msg\":\"connection limit exceeded\"}]");
            conn.close(1008, "connection limit exceeded");
        }).startAndWait();
        AlpacaTransport t = transport(server);
        Recorder r = new Recorder();
        t.open(r);
        assertThat(r.next()).isEqualTo(new Opened());
        t.send(new FeedRequest.Authenticate(CREDENTIALS));
        assertThat(r.next()).isInstanceOfSatisfying(FeedMessage.ServerError.class, e -> {
            assertThat(e.code()).isEqualTo(406);
            assertThat(e.fatal()).isFalse();
        });
        assertThat(r.next()).isInstanceOfSatisfying(Closed.class,
                c -> assertThat(c.reason()).contains("1008").contains("connection limit exceeded"));
    }

    @Test
    void aPingIsAnsweredAndReportedAsAHeartbeat() throws InterruptedException {
        server = new ScriptedServer(true, (conn, text) -> conn.sendPing()).startAndWait();
        AlpacaTransport t = transport(server);
        Recorder r = new Recorder();
        t.open(r);
        assertThat(r.next()).isEqualTo(new Opened());
        t.send(new FeedRequest.Subscribe(Subscription.of(StreamType.TRADES, AAPL)));
        assertThat(r.next()).as("the ping, which shows the server is alive").isEqualTo(new FeedMessage.Heartbeat());
        assertThat(server.pong.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the JDK answered with a pong").isTrue();
    }

    @Test
    void aServerThatNeverGreetsIsNotReportedOpen() throws InterruptedException {
        server = new ScriptedServer(false, (conn, text) -> conn.send("[]")).startAndWait();
        AlpacaTransport t = transport(server);
        Recorder r = new Recorder();
        t.open(r);
        // The socket is open but silent: the transport says nothing, and the connection's connect timeout decides.
        // A request still goes out, and its answer (an empty frame) is no message: the only report is from close.
        t.send(new FeedRequest.Subscribe(Subscription.of(StreamType.TRADES, AAPL)));
        assertThat(server.received.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
        t.close();
        assertThat(server.clientClosed.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(r.events).isEmpty();
    }

    @Test
    void aRefusedConnectionIsReportedClosed() throws InterruptedException {
        server = new ScriptedServer(true, (conn, text) -> { }).startAndWait();
        java.net.URI base = server.base();
        server.shutdown();
        server = null;
        transport = new AlpacaTransport(base, AlpacaFeed.IEX, HttpClient.newHttpClient(), new AlpacaCodec(false),
                Duration.ofSeconds(WAIT_SECONDS));
        Recorder r = new Recorder();
        transport.open(r);
        assertThat(r.next()).isInstanceOfSatisfying(Closed.class,
                c -> assertThat(c.reason()).startsWith("could not open " + base + "/v2/iex"));
    }

    @Test
    void theDefaultStreamIsAlpacasHost() {
        assertThat(AlpacaTransport.of(AlpacaFeed.SIP).uri().toString())
                .isEqualTo("wss://stream.data.alpaca.markets/v2/sip");
    }
}
