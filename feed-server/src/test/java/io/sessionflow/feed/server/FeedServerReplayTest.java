package io.sessionflow.feed.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.feed.Subscription;
import io.sessionflow.testing.Bars;
import io.sessionflow.testing.InMemoryStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The schedule: what plays when, with which timestamps, across a restart, and how the server stops. */
class FeedServerReplayTest {

    static final LocalDate DAY = LocalDate.of(2013, 10, 7);
    static final Symbol SPY = Symbol.of("SPY");
    static final Symbol IBM = Symbol.of("IBM");
    static final double SPEED = 60;
    static final long ANCHOR = Duration.ofHours(1).toNanos();

    private final SteppedWallClock wall = new SteppedWallClock();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final Recorder recorder = new Recorder();
    private InMemoryStore store;
    private TradingSession session;
    private ReplayPlan plan;
    private List<Bar> spy;

    /** What the replay reported, in order. */
    static final class Recorder implements ReplayListener {
        final List<long[]> played = Collections.synchronizedList(new ArrayList<>());
        final List<String> sessions = Collections.synchronizedList(new ArrayList<>());
        final java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);

        @Override
        public void onSessionStart(TradingSession s, int index, int total) {
            sessions.add("start " + s.date() + " " + index + "/" + total);
        }

        @Override
        public void onPlayed(long wallNanos, int points) {
            played.add(new long[] {wallNanos, points});
        }

        @Override
        public void onSessionEnd(TradingSession s, int index, int total, int playedPoints, int skipped) {
            sessions.add("end " + s.date() + " played " + playedPoints + " skipped " + skipped);
        }

        @Override
        public void onReplayFinished() {
            sessions.add("finished");
            finished.countDown();
        }
    }

    @BeforeEach
    void data() {
        store = new InMemoryStore();
        BarSeries bars = Bars.session(List.of(SPY, IBM), DAY, DAY.plusDays(1));
        store.upsertBars(bars);
        session = Calendars.xnys().session(DAY).orElseThrow();
        plan = ReplayPlan.of(List.of(session), List.of(SPY, IBM)).withSpeed(SPEED).withAnchorNanos(ANCHOR);
        spy = bars.stream().filter(b -> b.symbol().equals(SPY)).toList();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private FeedServer start(ReplayPlan p, int port) {
        FeedServer s = FeedServer.builder(store, p).settings(FeedServerSettings.DEFAULT.withPort(port))
                .wallClock(wall).listener(recorder).start();
        open.add(s);
        return s;
    }

    private TestClient client(FeedServer s) throws InterruptedException {
        TestClient c = TestClient.connect(s);
        open.add(c);
        return c;
    }

    /** The wall time at which the minute bar starting {@code minute} minutes after the open plays: its end. */
    private long dueOfBar(int minute) {
        return plan.dueNanos(session.open().plus(Duration.ofMinutes(minute + 1L)));
    }

    @Test
    void eachBarArrivesExactlyAsStoredWhenItsMinuteHasClosedOnTheSchedule() throws InterruptedException {
        FeedServer s = start(plan, 0);
        TestClient c = client(s);
        c.logInAndSubscribe(Subscription.of(StreamType.BARS, SPY));
        for (int m = 0; m < 3; m++) {
            wall.setNanos(dueOfBar(m) - 1);
            wall.setNanos(dueOfBar(m));
            assertThat(c.bars(1)).containsExactly(spy.get(m));
            assertThat(c.events).as("nothing before the next minute closes").isEmpty();
        }
        wall.runFree();
        assertThat(c.bars(387)).containsExactlyElementsOf(spy.subList(3, 390));
        awaitFinished(s);
        // Server side: one batch per minute mark, at exactly its scheduled wall time, SPY and IBM together.
        assertThat(recorder.played).hasSize(390);
        for (int m = 0; m < 390; m++) {
            assertThat(recorder.played.get(m)).as("minute %d", m).containsExactly(dueOfBar(m), 2);
        }
        assertThat(recorder.sessions).containsExactly("start 2013-10-07 0/1", "end 2013-10-07 played 780 skipped 0",
                "finished");
        assertThat(s.stats().pointsPlayed()).isEqualTo(780);
        assertThat(s.stats().replayFinished()).isTrue();
        // A live client decides when its session ends: the connection is still open.
        assertThat(s.stats().loggedIn()).isEqualTo(1);
        assertThat(c.events).isEmpty();
    }

    @Test
    void aShiftedReplaySendsEveryTimestampMovedByTheSameWholeMinutes() throws InterruptedException {
        Instant now = Instant.parse("2026-03-02T14:30:00Z");
        ReplayPlan shifted = plan.playingAt(now.plusSeconds(42));
        assertThat(shifted.shift()).isEqualTo(Duration.between(session.open(), now));
        FeedServer s = start(shifted, 0);
        TestClient c = client(s);
        c.logInAndSubscribe(Subscription.of(StreamType.BARS, SPY));
        wall.runFree();
        List<Bar> got = c.bars(390);
        for (int m = 0; m < 390; m++) {
            Bar stored = spy.get(m);
            assertThat(got.get(m)).isEqualTo(new Bar(SPY, stored.start().plus(shifted.shift()), Interval.ONE_MINUTE,
                    stored.open(), stored.high(), stored.low(), stored.close(), stored.volume(), stored.tradeCount(),
                    stored.vwap(), 0));
        }
        assertThat(got.get(0).start()).isEqualTo(now);
        // The market clock a client would run on shows the shifted time of what plays.
        SteppedWallClock at = new SteppedWallClock();
        at.setNanos(dueOfBar(0));
        assertThat(shifted.marketClock(at).instant()).isEqualTo(now.plusSeconds(60));
    }

    @Test
    void aServerStartedAgainWithTheSamePlanResumesTheScheduleAndDoesNotSendWhatPlayedMeanwhile() throws Exception {
        FeedServer first = start(plan, 0);
        int port = first.port();
        TestClient c = client(first);
        c.logInAndSubscribe(Subscription.of(StreamType.BARS, SPY));
        wall.setNanos(dueOfBar(9));
        assertThat(c.bars(10)).containsExactlyElementsOf(spy.subList(0, 10));

        first.close();
        assertThat(c.awaitClosed().reason()).contains("1001");
        wall.advanceNanos(Duration.ofSeconds(5).toNanos() + 1);  // five market minutes at 60x: 10:40 .. 10:44 missed

        FeedServer second = start(plan, port);
        // Everything scheduled before this start: the ten minutes the first server played and the five missed.
        assertThat(second.stats().pointsSkipped()).isEqualTo(2 * 15);
        c.reopen();
        c.logInAndSubscribe(Subscription.of(StreamType.BARS, SPY));
        wall.setNanos(dueOfBar(19));
        assertThat(c.bars(5)).as("the minutes after the restart, not the five missed")
                .containsExactlyElementsOf(spy.subList(15, 20));
        assertThat(recorder.sessions).containsExactly("start 2013-10-07 0/1", "start 2013-10-07 0/1");
    }

    @Test
    void aServerThatWaitsForItsFirstSubscriptionAnchorsTheScheduleThen() throws Exception {
        wall.setNanos(ANCHOR + Duration.ofMinutes(30).toNanos());  // far past the plan's anchor: nothing is skipped
        FeedServer s = FeedServer.builder(store, plan).settings(FeedServerSettings.DEFAULT.withPort(0))
                .wallClock(wall).listener(recorder).startOnFirstSubscription().start();
        open.add(s);
        assertThat(s.stats().pointsSkipped()).isZero();
        TestClient c = client(s);
        c.send(new io.sessionflow.feed.FeedRequest.Authenticate(TestClient.KEY));
        assertThat(c.next()).isEqualTo(new io.sessionflow.feed.FeedMessage.Authenticated());
        wall.advanceNanos(Duration.ofMinutes(5).toNanos());  // a login without a subscription does not start it
        long subscribedAt = wall.nanoTime();
        Subscription spyBars = Subscription.of(StreamType.BARS, SPY);
        c.send(new io.sessionflow.feed.FeedRequest.Subscribe(spyBars));
        assertThat(c.next()).isEqualTo(new io.sessionflow.feed.FeedMessage.Subscribed(spyBars));
        ReplayPlan played = awaitAnchored(s);
        assertThat(played.anchorNanos()).isEqualTo(subscribedAt);
        wall.setNanos(played.dueNanos(session.open().plusSeconds(3 * 60)));
        assertThat(c.bars(3)).containsExactlyElementsOf(spy.subList(0, 3));
        assertThat(recorder.sessions).containsExactly("start 2013-10-07 0/1");
    }

    private static ReplayPlan awaitAnchored(FeedServer s) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(TestClient.WAIT_SECONDS);
        while (s.plan().anchorNanos() == ANCHOR) {
            assertThat(System.nanoTime()).as("the schedule is anchored").isLessThan(deadline);
            java.util.concurrent.TimeUnit.MILLISECONDS.sleep(2);  // polls what the sender sets; nothing is timed
        }
        return s.plan();
    }

    @Test
    void quotesAndTradesPlayAtTheirOwnTimesBetweenTheBarsInDeliveryOrder() throws InterruptedException {
        store.upsertQuotes(io.sessionflow.testing.Ticks.quotes(List.of(SPY), DAY, DAY.plusDays(1), 20));
        store.upsertTrades(io.sessionflow.testing.Ticks.trades(List.of(SPY), DAY, DAY.plusDays(1), 30));
        ReplayPlan all = plan.withStreams(java.util.EnumSet.allOf(StreamType.class));
        FeedServer s = start(all, 0);
        TestClient c = client(s);
        Subscription everything = Subscription.of(StreamType.BARS, SPY)
                .plus(Subscription.of(StreamType.QUOTES, SPY)).plus(Subscription.of(StreamType.TRADES, SPY));
        c.logInAndSubscribe(everything);
        wall.runFree();
        int expected = 390 + 390 * 3 + 390 * 2;
        List<Object> points = c.points(expected);
        long last = Long.MIN_VALUE;
        int rankBefore = -1;
        for (Object p : points) {
            long t = availability(p);
            int rank = p instanceof Bar ? 0 : p instanceof io.sessionflow.domain.Quote ? 1 : 2;
            assertThat(t).as("availability order at %s", p).isGreaterThanOrEqualTo(last);
            if (t == last) {
                assertThat(rank).as("bar, then quote, then trade at %s", p).isGreaterThanOrEqualTo(rankBefore);
            }
            last = t;
            rankBefore = rank;
        }
        assertThat(points.stream().filter(p -> p instanceof Bar).toList()).containsExactlyElementsOf(spy);
        assertThat(points.get(0)).as("the quote and trade at the open come before the first bar's end")
                .isInstanceOf(io.sessionflow.domain.Quote.class);
    }

    private static long availability(Object p) {
        if (p instanceof Bar b) {
            return Micros.of(b.start()) + Micros.PER_MINUTE;
        }
        if (p instanceof io.sessionflow.domain.Quote q) {
            return Micros.of(q.time());
        }
        return Micros.of(((io.sessionflow.domain.Trade) p).time());
    }

    @Test
    void closeReturnsWithinItsBoundWithClientsConnectedAndTellsThemTheServerIsGoingAway() throws Exception {
        FeedServer s = start(plan, 0);
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TestClient c = client(s);
            c.logInAndSubscribe(Subscription.of(StreamType.BARS, SPY, IBM));
            clients.add(c);
        }
        TestClient stuck = TestClient.stuck(s);
        open.add(stuck);
        stuck.logInAndSubscribe(Subscription.of(StreamType.BARS, SPY));
        wall.setNanos(dueOfBar(4));
        for (TestClient c : clients) {
            assertThat(c.bars(10)).hasSize(10);
        }
        TestClient silent = client(s);  // connected, not logged in yet
        Duration bound = FeedServerSettings.DEFAULT.stopTimeout().multipliedBy(3);
        assertTimeoutPreemptively(bound, s::close);
        for (TestClient c : clients) {
            assertThat(c.awaitClosed().reason()).contains("1001");
        }
        assertThat(silent.awaitClosed().reason()).contains("1001");
        s.close();  // again: nothing happens
    }

    private void awaitFinished(FeedServer s) throws InterruptedException {
        assertThat(recorder.finished.await(TestClient.WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS))
                .as("the replay finishes").isTrue();
        assertThat(s.stats().replayFinished()).isTrue();
    }
}
