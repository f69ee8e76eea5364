package io.sessionflow.app;

import io.sessionflow.api.DataManager;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.feed.FeedConnection;
import io.sessionflow.feed.FeedHealth;
import io.sessionflow.feed.FeedMessage;
import io.sessionflow.feed.FeedSettings;
import io.sessionflow.feed.FeedState;
import io.sessionflow.feed.LiveFeed;
import io.sessionflow.feed.alpaca.AlpacaCodec;
import io.sessionflow.feed.alpaca.AlpacaFeed;
import io.sessionflow.feed.alpaca.AlpacaTransport;
import io.sessionflow.feed.server.FeedServer;
import io.sessionflow.feed.server.FeedServerSettings;
import io.sessionflow.feed.server.ReplayListener;
import io.sessionflow.feed.server.ReplayPlan;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.time.WallClock;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * The {@code connector} stage of {@code sessionflow bench}: a {@link FeedServer} plays {@link ConnectorBenchData}'s
 * session over a local WebSocket, and the product's live path takes it: {@link AlpacaTransport} (the JDK WebSocket
 * client and {@link AlpacaCodec} on Jackson), a {@link FeedConnection} on its own thread ({@link LiveFeed}), a live
 * {@link DataManager} on the plan's {@link io.sessionflow.time.ReplayClock}, and a listener
 * ({@link ConnectorProbe}) that counts and times what arrives.
 *
 * <ul>
 *   <li>{@link #flood}: the server is to play the ticks window in {@link #FLOOD_WINDOW_SECONDS} of wall time,
 *       faster than it or any client can: messages/s end to end is what the client drains, from the first data
 *       frame received to the last listener call (the server queues what the socket does not take yet, so the
 *       time of its last play tells whether it or the client limits);</li>
 *   <li>{@link #paced}: the server plays at a given rate of messages/s, the client keeping up: the latency from
 *       frame received to listener call;</li>
 *   <li>{@link #decodeOnly}: {@link AlpacaCodec#decode} alone on frames like the flood's, one thread: the ceiling
 *       that the end-to-end figure is a share of.</li>
 * </ul>
 *
 * <p>The feed holds every event for its grace ({@link FeedSettings#grace()}, 2 s by default) after the market clock
 * reached it, so that the frames of one instant may come in any order: a paced run's latency includes the hold and
 * is also given without it; a flood's first grace is in its time (small against a flood of seconds).
 *
 * <p>Each run starts and stops its own server, feed and data manager; the store and the HTTP client are shared.
 *
 * <p>Threading: one bench thread calls the methods; the runs start their own threads.
 */
final class ConnectorBench {

    /** The streams Alpaca's wire carries (it has no quote bars). */
    private static final List<StreamType> WIRE_STREAMS =
            List.of(StreamType.BARS, StreamType.QUOTES, StreamType.TRADES);

    /** Wall seconds in which a flood's server is asked to play the whole ticks window. */
    static final double FLOOD_WINDOW_SECONDS = 0.2;
    /** Wall seconds a paced run plays, at most: fewer symbols are played when the data holds more. */
    static final double PACED_SECONDS = 10;
    /** Points per frame in the decode-only baseline: what the server puts in one frame when a flood is due. */
    static final int FRAME_POINTS = 1_000;
    /**
     * From the server's start to the open on its schedule, at first: time to start the server and for the client to
     * connect and subscribe. Later runs take 4 times what the last one took, at least {@link #MIN_LEAD_NANOS} and at
     * most the longest lead so far; a run whose client was not streaming by the open is started again with 4 times
     * the lead, up to {@link #ATTEMPTS} times.
     */
    private static final long FIRST_LEAD_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long MIN_LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    private static final int ATTEMPTS = 3;
    /** How long a run may take past its schedule before it is called failed. */
    private static final long RUN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(120);
    /** The server may queue this much for the client: a flood's backlog waits on the server, not dropped (407). */
    private static final int SERVER_BUFFER_CHARS = 1 << 30;
    /** How long the WebSocket handshake may take. */
    private static final Duration HANDSHAKE = Duration.ofSeconds(10);
    /** Control frames the server sends before data: welcome, authenticated, subscription. */
    private static final int CONTROL_FRAMES = 3;

    /**
     * Latency percentiles of one run, in nanos.
     *
     * @param count the events timed
     */
    record Latency(long count, long p50, long p90, long p99, long max) {
        static Latency of(Histogram h) {
            return new Latency(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                    h.getValueAtPercentile(99), h.getMaxValue());
        }
    }

    /**
     * One run end to end.
     *
     * @param symbols      symbols played
     * @param speed        the replay speed (k x real time)
     * @param messages     events delivered to the listener: trades, quotes and bars
     * @param nanos        from the first data frame received to the last listener call
     * @param frames       data frames received
     * @param serverNanos  from the schedule's open to the server's last play (encoded and queued for the client)
     * @param serverFrames data frames the server handed to the socket
     * @param latency      trades and quotes, frame received to listener call
     * @param beyondHold   the same less the feed's deliberate hold (its grace)
     * @param health       the feed's figures at the end (late events, reconnects)
     * @param cpu          CPU nanos per thread role from the schedule's open to the last delivery
     */
    record Run(int symbols, double speed, long messages, long nanos, long frames, long serverNanos,
               long serverFrames, Latency latency, Latency beyondHold, FeedHealth health, Map<String, Long> cpu) {
        double messagesPerSecond() {
            return messages / (nanos / 1e9);
        }

        /** Events the server played per second of its playing: how fast it could have sent. */
        double serverPointsPerSecond() {
            return messages / (serverNanos / 1e9);
        }
    }

    /**
     * The decode-only baseline.
     *
     * @param points data points decoded
     * @param frames frames decoded
     * @param nanos  wall time of the decoding
     */
    record Decode(long points, long frames, long nanos) {
        double pointsPerSecond() {
            return points / (nanos / 1e9);
        }
    }

    private final ConnectorBenchData data;
    private final MarketDataStore store;
    private final FeedSettings settings;
    private final WallClock wall;
    private final HttpClient http = HttpClient.newHttpClient();
    private long leadNanos = FIRST_LEAD_NANOS;
    private long leadCapNanos = FIRST_LEAD_NANOS;

    /**
     * @param store holds {@code data} ({@link ConnectorBenchData#writeTo})
     * @param grace the feed's grace: how long it holds events for out-of-order frames ({@link FeedSettings#grace()})
     */
    ConnectorBench(ConnectorBenchData data, MarketDataStore store, Duration grace, WallClock wall) {
        this.data = data;
        this.store = store;
        FeedSettings d = FeedSettings.DEFAULT;
        this.settings = new FeedSettings(d.backoff(), d.connectTimeout(), d.answerTimeout(), d.silenceTimeout(),
                d.stableAfter(), grace, d.inboxCapacity(), d.rateWindow());
        this.wall = wall;
    }

    /** All symbols, the ticks window played in {@link #FLOOD_WINDOW_SECONDS}. */
    Run flood() throws InterruptedException {
        return run(data.symbols().size(), ConnectorBenchData.WINDOW_MINUTES * 60 / FLOOD_WINDOW_SECONDS);
    }

    /**
     * About {@code messagesPerSecond} trades and quotes a second for up to {@link #PACED_SECONDS}: as many symbols
     * as that takes (all of them, played for less time, when the data holds fewer).
     */
    Run paced(double messagesPerSecond) throws InterruptedException {
        if (!(messagesPerSecond > 0) || Double.isInfinite(messagesPerSecond)) {
            throw new IllegalArgumentException("rate " + messagesPerSecond + " is not a positive number");
        }
        long perSymbol = data.ticks(1);
        int symbols = (int) Math.max(1, Math.min(data.symbols().size(),
                Math.round(messagesPerSecond * PACED_SECONDS / perSymbol)));
        double seconds = data.ticks(symbols) / messagesPerSecond;
        return run(symbols, ConnectorBenchData.WINDOW_MINUTES * 60 / seconds);
    }

    /** Decodes {@code frames} ({@link ConnectorBenchData#frames}) once, counting the trades and quotes. */
    Decode decodeOnly(List<String> frames) {
        AlpacaCodec codec = new AlpacaCodec(true);
        long points = 0;
        long start = wall.nanoTime();
        for (String f : frames) {
            for (FeedMessage m : codec.decode(f).messages()) {
                points += m instanceof FeedMessage.Trades t ? t.trades().size()
                        : m instanceof FeedMessage.Quotes q ? q.quotes().size() : 0;
            }
        }
        return new Decode(points, frames.size(), wall.nanoTime() - start);
    }

    /** What the server's sender played, and when it last did. Written on the sender thread, read after its join. */
    private static final class Played implements ReplayListener {
        private long last;

        @Override
        public void onPlayed(long wallNanos, int points) {
            last = wallNanos;
        }
    }

    /** The client was not streaming when the schedule opened: it would miss the first events. */
    private static final class LateStart extends Exception {
        private static final long serialVersionUID = 1L;

        LateStart(String message) {
            super(message);
        }
    }

    private Run run(int symbolCount, double speed) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return runOnce(symbolCount, speed);
            } catch (LateStart e) {
                if (attempt == ATTEMPTS) {
                    throw new IllegalStateException(e.getMessage() + ", " + ATTEMPTS + " times", e);
                }
                leadNanos *= 4;
                leadCapNanos = Math.max(leadCapNanos, leadNanos);
            }
        }
    }

    private Run runOnce(int symbolCount, double speed) throws InterruptedException, LateStart {
        List<Symbol> symbols = data.symbols().subList(0, symbolCount);
        long expected = data.ticks(symbolCount) + data.bars(symbolCount);
        long begin = wall.nanoTime();
        ReplayPlan plan = new ReplayPlan(List.of(data.session()), new TreeSet<>(symbols),
                EnumSet.copyOf(WIRE_STREAMS), speed, begin + leadNanos, Duration.ZERO);
        ConnectorProbe probe = new ConnectorProbe(data, plan, settings.grace().toNanos(), wall, expected);
        Played played = new Played();
        FeedServerSettings serverSettings = FeedServerSettings.DEFAULT.withPort(0)
                .withClientBufferChars(SERVER_BUFFER_CHARS);
        long serverFrames;
        FeedHealth health;
        Map<String, Long> cpu;
        try (FeedServer server = FeedServer.builder(store, plan).settings(serverSettings).wallClock(wall)
                .listener(played).start()) {
            Clock clock = plan.marketClock(wall);
            AtomicReference<Throwable> crashed = new AtomicReference<>();
            AlpacaTransport transport = new AlpacaTransport(server.baseUri(), AlpacaFeed.IEX, http,
                    new AlpacaCodec(true), HANDSHAKE).withFrameProbe(wall, probe);
            // Declared in this order, the feed is closed first: its last batches reach the coordinator.
            try (DataManager dm = DataManager.builder()
                    .config(SessionConfig.builder().derivedIntervals(List.of()).build()).live(clock).wallClock(wall)
                    .build();
                 LiveFeed live = LiveFeed.builder("bench", transport, LiveFeeds.PAPER).settings(settings)
                         .wallClock(wall).random(new SplittableRandom(1)).onFailure(crashed::set).into(dm, clock)) {
                for (StreamType t : WIRE_STREAMS) {
                    dm.register(symbols, t);
                }
                dm.subscribe(probe);
                dm.start();
                live.start(LiveRunner.subscription(Set.copyOf(symbols), WIRE_STREAMS, false));
                FeedConnection feed = live.connection();
                awaitStreaming(feed, plan.anchorNanos());
                leadNanos = Math.max(MIN_LEAD_NANOS, Math.min(leadCapNanos, 4 * (wall.nanoTime() - begin)));
                wall.sleepNanos(plan.anchorNanos() - wall.nanoTime());
                ThreadCpu before = ThreadCpu.now();  // from the open: the lead is not part of the run
                // The live coordinator ends the session on the clock: what has not arrived by then never will.
                long deadline = Math.min(plan.dueNanos(data.session().close()), plan.anchorNanos() + RUN_TIMEOUT_NANOS);
                if (!probe.await(Math.max(0, deadline - wall.nanoTime()))) {
                    throw new IllegalStateException(String.format(java.util.Locale.ROOT, "the connector delivered "
                            + "%,d of %,d events within %.1f s of the open at %.0fx (the session closes on the replay "
                            + "clock %.1f s after the open; fewer --events finish sooner); feed %s, %s",
                            probe.deliveredSoFar(), expected, (deadline - plan.anchorNanos()) / 1e9, speed,
                            (plan.dueNanos(data.session().close()) - plan.anchorNanos()) / 1e9, feed.state(),
                            feed.health()));
                }
                cpu = ThreadCpu.now().since(before);  // before the threads end
                serverFrames = server.stats().framesSent() - CONTROL_FRAMES;
                health = feed.health();
                if (crashed.get() != null) {
                    throw new IllegalStateException("the feed's thread failed: " + crashed.get(), crashed.get());
                }
            }
        }
        return new Run(symbolCount, speed, probe.delivered(), probe.lastDeliveryNanos() - probe.firstDataFrameNanos(),
                probe.dataFrames(), played.last - plan.anchorNanos(), serverFrames, probe.latency(),
                probe.beyondHold(), health, cpu);
    }

    /** Until the feed streams; it must before the schedule's open, or it misses the first events. */
    private void awaitStreaming(FeedConnection feed, long openNanos) throws InterruptedException, LateStart {
        while (feed.state() != FeedState.STREAMING) {
            if (feed.state() == FeedState.FAILED) {
                throw new IllegalStateException("the bench's feed failed: " + feed.failure().orElse("no reason"));
            }
            if (wall.nanoTime() >= openNanos) {
                throw new LateStart("the bench's feed was not streaming by the replay's open (" + feed.state()
                        + "): starting the server and connecting took longer than "
                        + TimeUnit.NANOSECONDS.toMillis(leadNanos) + " ms");
            }
            wall.sleepNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
