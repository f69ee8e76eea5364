package io.sessionflow.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.agent.AgentRunner;
import io.sessionflow.api.DataManager;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.RunResult;
import io.sessionflow.api.SessionEnd;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.feed.Backoff;
import io.sessionflow.feed.Credentials;
import io.sessionflow.feed.FeedConnection;
import io.sessionflow.feed.FeedHealth;
import io.sessionflow.feed.FeedSettings;
import io.sessionflow.feed.FeedSink;
import io.sessionflow.feed.FeedTransport;
import io.sessionflow.feed.FeedTransports;
import io.sessionflow.feed.Subscription;
import io.sessionflow.feed.alpaca.AlpacaCodec;
import io.sessionflow.feed.alpaca.AlpacaFeed;
import io.sessionflow.feed.alpaca.AlpacaTransport;
import io.sessionflow.feed.server.FeedServer;
import io.sessionflow.feed.server.FeedServerSettings;
import io.sessionflow.feed.server.ReplayPlan;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.time.ReplayClock;
import io.sessionflow.time.WallClock;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * One live run of the product against a {@code feed-server} replaying a stored session at a high speed: the feed
 * (FeedConnection over AlpacaTransport) into a live DataManager whose clock is the replay's, until the session ends.
 * A hook can act when a chosen 1m bar reaches the listener (the test kills the server there); it runs on a thread of
 * its own, never the coordinator's.
 *
 * <p>Threading: one run per instance, from the test thread.
 */
final class LiveFeedServerRun implements AutoCloseable {

    private static final FeedSettings FEED = FeedSettings.DEFAULT
            .withBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)));

    /** The final version of each delivered bar, and what the run reported. */
    record Result(Map<BarKey, Bar> finalBars, RunResult run, FeedHealth feed, int serverStarts) {
    }

    /** A bar's identity: a revision replaces the bar with the same key. */
    record BarKey(Symbol symbol, String interval, java.time.Instant start) {
        static BarKey of(Bar b) {
            return new BarKey(b.symbol(), b.interval().toString(), b.start());
        }
    }

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "acceptance-server-control");
        t.setDaemon(true);
        return t;
    });
    private final MarketDataStore store;
    private final WallClock wall = WallClock.system();
    private final AtomicReference<FeedServer> server = new AtomicReference<>();
    private volatile int serverStarts;
    private FeedServerSettings settings;

    LiveFeedServerRun(MarketDataStore store) {
        this.store = store;
    }

    /** Starts a server with the same plan on the same port as the first one. */
    void restartServer() {
        FeedServer old = server.get();
        server.set(FeedServer.builder(store, old.plan()).settings(settings.withPort(old.port())).wallClock(wall)
                .start());
        serverStarts++;
    }

    void closeServer() {
        server.get().close();
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /**
     * Runs {@code session} for {@code symbols} at {@code speed}, calling {@code hook} (on the control thread) once
     * for the first 1m bar {@code trigger} accepts.
     */
    Result run(TradingSession session, List<Symbol> symbols, double speed, SessionConfig config,
               Predicate<Bar> trigger, BiConsumer<LiveFeedServerRun, Bar> hook) throws Exception {
        // The server's schedule and the client's clock both start when the first subscription is acknowledged
        // (as `feed-server` and `live --replay-clock` do), however long connecting takes.
        ReplayPlan plan = ReplayPlan.of(List.of(session), symbols).withSpeed(speed);
        settings = FeedServerSettings.DEFAULT.withPort(0);
        server.set(FeedServer.builder(store, plan).settings(settings).wallClock(wall).startOnFirstSubscription()
                .start());
        serverStarts = 1;
        ReplayClock clock = new ReplayClock(session.open(), speed, wall);
        Map<BarKey, Bar> bars = new ConcurrentHashMap<>();
        CountDownLatch ended = new CountDownLatch(1);
        AtomicReference<Throwable> crashed = new AtomicReference<>();
        try (DataManager dm = DataManager.builder().store(store).live(clock).config(config).build()) {
            dm.register(symbols, StreamType.BARS).subscribe(new MarketDataListener() {
                private boolean fired;

                @Override
                public void onBar(Bar bar) {
                    bars.put(BarKey.of(bar), bar);
                    if (!fired && trigger.test(bar)) {
                        fired = true;
                        scheduler.execute(() -> hook.accept(LiveFeedServerRun.this, bar));
                    }
                }

                @Override
                public void onDerivedBar(Bar bar) {
                    bars.put(BarKey.of(bar), bar);
                }

                @Override
                public void onSessionEnd(SessionEnd end) {
                    ended.countDown();
                }
            });
            FeedTransport transport = FeedTransports.startingOnFirstSubscription(new AlpacaTransport(
                    server.get().baseUri(), AlpacaFeed.IEX, HttpClient.newHttpClient(), new AlpacaCodec(false),
                    Duration.ofSeconds(10)), clock::start);
            FeedConnection feed = new FeedConnection("feed-server", transport, Credentials.of("paper", "paper"),
                    FeedSink.of(dm.publisher("feed", 256)), FEED, wall, clock, new SplittableRandom(7));
            AgentRunner runner = new AgentRunner(feed, feed.idleStrategy(), crashed::set, 5_000);
            dm.start();
            feed.subscribe(Subscription.of(StreamType.BARS, symbols));
            feed.connect();
            runner.start();
            double sessionSeconds = Duration.between(session.open(), session.close()).toSeconds() / speed;
            boolean done = ended.await((long) (sessionSeconds + 60), TimeUnit.SECONDS);
            feed.stop();
            assertThat(runner.closeAndJoin()).as("the feed's thread ended").isTrue();
            assertThat(crashed.get()).as("the feed did not crash").isNull();
            assertThat(done).as("the live session ended within the replay's time plus a minute").isTrue();
            dm.stop();
            RunResult result = dm.await(Duration.ofSeconds(30));
            return new Result(Map.copyOf(bars), result, feed.health(), serverStarts);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        FeedServer s = server.get();
        if (s != null) {
            s.close();
        }
    }
}
