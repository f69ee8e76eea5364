package io.sessionflow.feed.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.feed.Credentials;
import io.sessionflow.feed.FeedMessage;
import io.sessionflow.feed.FeedRequest;
import io.sessionflow.feed.Subscription;
import io.sessionflow.feed.alpaca.AlpacaFeed;
import io.sessionflow.testing.Bars;
import io.sessionflow.testing.InMemoryStore;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Logins, subscriptions and the documented errors, with the product's client and a bare one. */
class FeedServerProtocolTest {

    static final LocalDate DAY = LocalDate.of(2013, 10, 7);
    static final Symbol SPY = Symbol.of("SPY");
    static final Symbol IBM = Symbol.of("IBM");

    private final SteppedWallClock wall = new SteppedWallClock();
    private final List<AutoCloseable> open = new ArrayList<>();
    private InMemoryStore store;
    private ReplayPlan plan;

    @BeforeEach
    void data() {
        store = new InMemoryStore();
        store.upsertBars(Bars.session(List.of(SPY, IBM), DAY, DAY.plusDays(1)));
        List<TradingSession> sessions = Calendars.xnys().sessions(DAY, DAY.plusDays(1));
        plan = ReplayPlan.of(sessions, List.of(SPY, IBM)).withSpeed(60).withAnchorNanos(Duration.ofHours(1).toNanos());
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private FeedServer server(FeedServerSettings settings) {
        FeedServer s = FeedServer.builder(store, plan).settings(settings.withPort(0)).wallClock(wall).start();
        open.add(s);
        return s;
    }

    private FeedServer server() {
        return server(FeedServerSettings.DEFAULT.withCredentials(TestClient.KEY));
    }

    private TestClient client(FeedServer s) throws InterruptedException {
        TestClient c = TestClient.connect(s);
        open.add(c);
        return c;
    }

    private RawClient raw(FeedServer s) throws InterruptedException {
        RawClient c = RawClient.connect(s.streamUri());
        open.add(c);
        assertThat(c.next()).isEqualTo("[{\"T\":\"success\",\"msg\":\"connected\"}]");
        return c;
    }

    @Test
    void aClientLogsInAndItsSubscriptionIsAnswered() throws InterruptedException {
        FeedServer s = server();
        assertThat(s.host()).isEqualTo("127.0.0.1");
        assertThat(s.port()).isPositive();
        assertThat(s.streamUri().toString()).isEqualTo("ws://127.0.0.1:" + s.port() + "/v2/iex");
        TestClient c = client(s);
        c.logInAndSubscribe(Subscription.of(StreamType.BARS, SPY).plus(Subscription.of(StreamType.TRADES, IBM)));
        c.send(new FeedRequest.Unsubscribe(Subscription.of(StreamType.TRADES, IBM)));
        assertThat(c.next()).isEqualTo(new FeedMessage.Subscribed(Subscription.of(StreamType.BARS, SPY)));
        assertThat(s.stats().loggedIn()).isEqualTo(1);
    }

    @Test
    void wrongCredentialsAreRefusedWith402AndTheConnectionMayTryAgain() throws InterruptedException {
        TestClient c = client(server());
        c.send(new FeedRequest.Authenticate(Credentials.of(TestClient.KEY.keyId(), "not-the-secret")));
        assertThat(c.next()).isInstanceOfSatisfying(FeedMessage.AuthRejected.class,
                r -> assertThat(r.reason()).contains("402").contains("auth failed"));
        c.logInAndSubscribe(Subscription.of(StreamType.BARS, SPY));
    }

    @Test
    void withoutConfiguredCredentialsAnyKeyLogsIn() throws InterruptedException {
        TestClient c = client(server(FeedServerSettings.DEFAULT));
        c.send(new FeedRequest.Authenticate(Credentials.of("ANYKEY", "any-secret")));
        assertThat(c.next()).isEqualTo(new FeedMessage.Authenticated());
    }

    @Test
    void aSubscribeBeforeTheLoginIs401AndASecondLoginIs403() throws InterruptedException {
        TestClient c = client(server());
        c.send(new FeedRequest.Subscribe(Subscription.of(StreamType.BARS, SPY)));
        assertThat(c.next()).isInstanceOfSatisfying(FeedMessage.ServerError.class, e -> {
            assertThat(e.code()).isEqualTo(401);
            assertThat(e.message()).startsWith("not authenticated");
            assertThat(e.fatal()).isTrue();
        });
        c.send(new FeedRequest.Authenticate(TestClient.KEY));
        assertThat(c.next()).isEqualTo(new FeedMessage.Authenticated());
        c.send(new FeedRequest.Authenticate(TestClient.KEY));
        assertThat(c.next()).isInstanceOfSatisfying(FeedMessage.ServerError.class,
                e -> assertThat(e.code()).isEqualTo(403));
    }

    @Test
    void aSecondConnectionBeyondTheLimitIsRefusedWith406AndClosed() throws InterruptedException {
        FeedServer s = server(FeedServerSettings.DEFAULT.withCredentials(TestClient.KEY).withConnectionLimit(1));
        TestClient first = client(s);
        first.logInAndSubscribe(Subscription.of(StreamType.BARS, SPY));
        TestClient second = client(s);
        second.send(new FeedRequest.Authenticate(TestClient.KEY));
        assertThat(second.next()).isInstanceOfSatisfying(FeedMessage.ServerError.class, e -> {
            assertThat(e.code()).isEqualTo(406);
            assertThat(e.fatal()).isFalse();
        });
        assertThat(second.next()).isInstanceOfSatisfying(TestClient.Closed.class,
                c -> assertThat(c.reason()).contains("1008").contains("connection limit exceeded"));
        // Once the first one has gone, a new one gets in.
        first.close();
        open.remove(first);
        TestClient third = client(s);
        for (int attempt = 0; ; attempt++) {
            third.send(new FeedRequest.Authenticate(TestClient.KEY));
            Object answer = third.next();
            if (answer.equals(new FeedMessage.Authenticated())) {
                break;
            }
            // The server may not have seen the first one's close yet: 406 and closed, so connect again.
            assertThat(attempt).as("logins refused while the first connection closes").isLessThan(50);
            assertThat(third.next()).isInstanceOf(TestClient.Closed.class);
            third.reopen();
        }
    }

    @Test
    void aLoginOnAFeedPathTheServerDoesNotServeIs409() throws InterruptedException {
        FeedServer s = server();
        TestClient c = TestClient.connect(s.baseUri(), AlpacaFeed.SIP, false);
        open.add(c);
        c.send(new FeedRequest.Authenticate(TestClient.KEY));
        assertThat(c.next()).isInstanceOfSatisfying(FeedMessage.ServerError.class, e -> {
            assertThat(e.code()).isEqualTo(409);
            assertThat(e.fatal()).isTrue();
        });
    }

    @Test
    void aConnectionThatDoesNotLogInInTimeGets404AndIsClosed() throws InterruptedException {
        TestClient c = client(server());
        wall.advanceNanos(Duration.ofSeconds(9).toNanos());
        wall.advanceNanos(Duration.ofSeconds(1).toNanos());
        assertThat(c.next()).isInstanceOfSatisfying(FeedMessage.ServerError.class, e -> {
            assertThat(e.code()).isEqualTo(404);
            assertThat(e.message()).startsWith("auth timeout");
        });
        assertThat(c.next()).isInstanceOfSatisfying(TestClient.Closed.class,
                closed -> assertThat(closed.reason()).contains("auth timeout"));
    }

    @Test
    void badRequestsGetAlpacasErrorCodes() throws InterruptedException {
        RawClient c = raw(server());
        assertThat(c.ask("{\"action\":\"subscribe\",\"bars\":[\"SPY\"]}")).contains("\"code\":401");
        assertThat(c.ask("not json")).isEqualTo("[{\"T\":\"error\",\"code\":400,\"msg\":\"invalid syntax\"}]");
        assertThat(c.ask("[1,2]")).contains("\"code\":400");
        assertThat(c.ask("{\"action\":\"listen\"}")).contains("\"code\":400");
        assertThat(c.ask("{\"action\":\"auth\",\"key\":\"" + TestClient.KEY.keyId() + "\",\"secret\":\""
                + TestClient.KEY.secret() + "\"}")).isEqualTo("[{\"T\":\"success\",\"msg\":\"authenticated\"}]");
        assertThat(c.ask("{\"action\":\"subscribe\",\"bars\":[\"spy lower\"]}")).contains("\"code\":400");
        assertThat(c.ask("{\"action\":\"subscribe\",\"bars\":\"SPY\"}")).contains("\"code\":400");
        assertThat(c.ask("{\"action\":\"subscribe\",\"news\":[\"SPY\"]}"))
                .isEqualTo("[{\"T\":\"error\",\"code\":410,\"msg\":\"invalid subscribe action for this feed\"}]");
        assertThat(c.ask("{\"action\":\"subscribe\",\"trades\":[\"SPY\"],\"dailyBars\":[\"IBM\"]}"))
                .isEqualTo("[{\"T\":\"subscription\",\"trades\":[\"SPY\"],\"quotes\":[],\"bars\":[],"
                        + "\"updatedBars\":[],\"dailyBars\":[\"IBM\"],\"statuses\":[],\"lulds\":[],"
                        + "\"corrections\":[\"SPY\"],\"cancelErrors\":[\"SPY\"]}]");
    }

    @Test
    void beyondTheSymbolLimitASubscribeIs405AndChangesNothing() throws InterruptedException {
        RawClient c = raw(server(FeedServerSettings.DEFAULT.withSymbolLimit(2)));
        assertThat(c.ask("{\"action\":\"auth\",\"key\":\"K\",\"secret\":\"S\"}")).contains("authenticated");
        assertThat(c.ask("{\"action\":\"subscribe\",\"trades\":[\"SPY\"],\"quotes\":[\"SPY\",\"IBM\"],"
                + "\"bars\":[\"AIG\",\"BAC\",\"C\"]}")).contains("\"quotes\":[\"IBM\",\"SPY\"]");
        assertThat(c.ask("{\"action\":\"subscribe\",\"trades\":[\"AIG\"]}")).contains("\"code\":405");
        assertThat(c.ask("{\"action\":\"unsubscribe\",\"quotes\":[\"IBM\"]}"))
                .contains("\"trades\":[\"SPY\"],\"quotes\":[\"SPY\"],\"bars\":[\"AIG\",\"BAC\",\"C\"]");
    }

    @Test
    void theLoginHeadersOfTheUpgradeRequestLogIn() throws InterruptedException {
        FeedServer s = server();
        RawClient c = RawClient.connect(s.streamUri(), Map.of(StreamHandler.KEY_HEADER, TestClient.KEY.keyId(),
                StreamHandler.SECRET_HEADER, TestClient.KEY.secret()));
        open.add(c);
        assertThat(c.next()).isEqualTo("[{\"T\":\"success\",\"msg\":\"connected\"}]");
        assertThat(c.next()).isEqualTo("[{\"T\":\"success\",\"msg\":\"authenticated\"}]");
        assertThat(c.ask("{\"action\":\"subscribe\",\"bars\":[\"*\"]}")).contains("\"bars\":[\"*\"]");
    }

    @Test
    void everyConnectionIsPingedEachPingIntervalSoThatIdleOnesStayOpen() throws InterruptedException {
        RawClient c = raw(server(FeedServerSettings.DEFAULT.withPingInterval(Duration.ofSeconds(20))));
        assertThat(c.ask("{\"action\":\"auth\",\"key\":\"" + TestClient.KEY.keyId() + "\",\"secret\":\""
                + TestClient.KEY.secret() + "\"}")).contains("authenticated");
        wall.advanceNanos(Duration.ofSeconds(20).toNanos());
        assertThat(c.pings.poll(TestClient.WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)).isNotNull();
        wall.advanceNanos(Duration.ofSeconds(20).toNanos());
        assertThat(c.pings.poll(TestClient.WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)).isNotNull();
        assertThat(c.closes).isEmpty();
    }

    @Test
    void aBusyPortIsReportedByName() {
        FeedServer s = server();
        FeedServerSettings same = FeedServerSettings.DEFAULT.withPort(s.port());
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> FeedServer.builder(store, plan).settings(same).wallClock(wall).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot listen on 127.0.0.1:" + s.port());
    }
}
