package io.sessionflow.feed.server;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.sessionflow.feed.FeedHealth;
import io.sessionflow.feed.FeedSettings;
import io.sessionflow.feed.FeedTransport;
import io.sessionflow.feed.FeedTransports;
import io.sessionflow.feed.LiveFeed;
import io.sessionflow.feed.Subscription;
import io.sessionflow.feed.alpaca.AlpacaFeed;
import io.sessionflow.feed.alpaca.AlpacaTransport;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.time.ReplayClock;
import io.sessionflow.time.WallClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
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
 * Live runs against an in-process {@code feed-server} replaying a stored session at a high speed, for other modules'
 * tests (published in this module's test-jar). {@link #startServer} starts the server alone, for a test that brings
 * its own live client; {@link #run} also runs the product's client: a {@link LiveFeed} (FeedConnection over
 * AlpacaTransport) into a live DataManager whose clock is the replay's, until the session ends. There, a hook can
 * act when a chosen 1m bar reaches the listener (a test kills the server there); it runs on a thread of its own,
 * never the coordinator's.
 *
 * <p>Threading: one server and one run per instance, from the test thread; the hook's thread may restart the server.
 */
public final class LiveFeedServerRun implements AutoCloseable {

    private static final FeedSettings FEED = FeedSettings.DEFAULT
            .withBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)));

    /** The final version of each delivered bar, and what the run reported. */
    public record Result(Map<BarKey, Bar> finalBars, RunResult run, FeedHealth feed, int serverStarts) {
    }

    /** A bar's identity: a revision replaces the bar with the same key. */
    public record BarKey(Symbol symbol, String interval, Instant start) {
        public static BarKey of(Bar b) {
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

    public LiveFeedServerRun(MarketDataStore store) {
        this.store = store;
    }

    /**
     * Starts a server on a free port of 127.0.0.1 that replays {@code session} of {@code symbols} from the store at
     * {@code speed} once a client's first subscription is acknowledged (as {@code feed-server} does), however long
     * connecting takes; a client's replay clock should start then too
     * ({@link FeedTransports#startingOnFirstSubscription}).
     *
     * @return the stream base, e.g. {@code ws://127.0.0.1:40123}
     */
    public URI startServer(TradingSession session, List<Symbol> symbols, double speed) {
        ReplayPlan plan = ReplayPlan.of(List.of(session), symbols).withSpeed(speed);
        settings = FeedServerSettings.DEFAULT.withPort(0);
        server.set(FeedServer.builder(store, plan).settings(settings).wallClock(wall).startOnFirstSubscription()
                .start());
        serverStarts = 1;
        return server.get().baseUri();
    }

    /** Starts a server with the same plan on the same port as the first one. */
    public void restartServer() {
        FeedServer old = server.get();
        server.set(FeedServer.builder(store, old.plan()).settings(settings.withPort(old.port())).wallClock(wall)
                .start());
        serverStarts++;
    }

    public void closeServer() {
        server.get().close();
    }

    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /**
     * Runs {@code session} for {@code symbols} at {@code speed}, calling {@code hook} (on the control thread) once
     * for the first 1m bar {@code trigger} accepts.
     */
    public Result run(TradingSession session, List<Symbol> symbols, double speed, SessionConfig config,
                      Predicate<Bar> trigger, BiConsumer<LiveFeedServerRun, Bar> hook) throws Exception {
        URI base = startServer(session, symbols, speed);
        ReplayClock clock = new ReplayClock(session.open(), speed, wall);
        Map<BarKey, Bar> bars = new ConcurrentHashMap<>();
        CountDownLatch ended = new CountDownLatch(1);
        AtomicReference<Throwable> crashed = new AtomicReference<>();
        FeedTransport transport = FeedTransports.startingOnFirstSubscription(AlpacaTransport.of(base, AlpacaFeed.IEX),
                clock::start);
        try (DataManager dm = DataManager.builder().store(store).live(clock).config(config).build();
             LiveFeed feed = LiveFeed.builder("feed-server", transport, Credentials.of("paper", "paper"))
                     .settings(FEED).wallClock(wall).random(new SplittableRandom(7)).onFailure(crashed::set)
                     .into(dm, clock)) {
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
            dm.start();
            feed.start(Subscription.of(StreamType.BARS, symbols));
            double sessionSeconds = Duration.between(session.open(), session.close()).toSeconds() / speed;
            boolean done = ended.await((long) (sessionSeconds + 60), TimeUnit.SECONDS);
            assertThat(feed.stop()).as("the feed's thread ended").isTrue();
            assertThat(crashed.get()).as("the feed did not crash").isNull();
            assertThat(done).as("the live session ended within the replay's time plus a minute").isTrue();
            dm.stop();
            RunResult result = dm.await(Duration.ofSeconds(30));
            return new Result(Map.copyOf(bars), result, feed.connection().health(), serverStarts);
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
