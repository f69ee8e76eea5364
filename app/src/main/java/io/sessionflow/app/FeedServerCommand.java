package io.sessionflow.app;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.feed.Credentials;
import io.sessionflow.feed.alpaca.AlpacaFeed;
import io.sessionflow.feed.server.FeedServer;
import io.sessionflow.feed.server.FeedServerSettings;
import io.sessionflow.feed.server.ReplayListener;
import io.sessionflow.feed.server.ReplayPlan;
import io.sessionflow.storage.Coverage;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.time.WallClock;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sessionflow feed-server}: serves stored sessions over WebSocket in the Alpaca Market Data v2 stock stream
 * format at k times real time, until Ctrl-C (SIGINT) or SIGTERM; the server is stopped on the way out. One line on
 * stdout at the start (the URL, the sessions, the speed), progress lines on stderr as sessions play.
 */
@Command(name = "feed-server", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve stored sessions over WebSocket in the Alpaca Market Data v2 stock stream format "
                + "(ws://HOST:PORT/v2/iex: the same welcome, auth, subscribe and error messages) at K times real "
                + "time, for paper-testing a live strategy offline. 1m bars are sent when their minute has closed; "
                + "quotes and trades at their own times. Runs until Ctrl-C.",
                "Credentials: the environment variables " + FeedServerCommand.KEY_VARIABLE + " and "
                        + FeedServerCommand.SECRET_VARIABLE + " when set (only that key logs in), else any key and "
                        + "secret log in."})
final class FeedServerCommand implements java.util.concurrent.Callable<Integer> {

    /** Alpaca's variable names, the ones {@code sessionflow live} reads too. */
    static final String KEY_VARIABLE = LiveFeeds.KEY_VARIABLE;
    static final String SECRET_VARIABLE = LiveFeeds.SECRET_VARIABLE;

    /** Timestamps on the wire. */
    enum TimeMode {
        /** Shifted by whole minutes so the first session's open plays at the next whole minute of the real clock. */
        NOW,
        /** As stored. */
        ORIGINAL
    }

    @Mixin
    StoreContext context;

    @Mixin
    RangeOptions range;

    @Option(names = "--speed", paramLabel = "K", defaultValue = "1",
            description = "K times real time (default ${DEFAULT-VALUE}; 60 = a minute a second).")
    double speed;

    @Option(names = "--time", paramLabel = "now|original",
            description = "Timestamps sent: 'now' shifts them by whole minutes so the session plays from the next "
                    + "whole minute of the real clock (only meaningful at --speed 1); 'original' keeps the stored "
                    + "ones. Default: now at speed 1, original at any other speed.")
    TimeMode time;

    /** When the first session's open plays. */
    enum Start {
        /** When the server starts (with --time now: at the next whole minute). */
        NOW,
        /** When a logged-in client first subscribes to data. */
        SUBSCRIBE
    }

    @Option(names = "--start", paramLabel = "now|subscribe",
            description = "When the first open plays: 'subscribe' when the first client subscribes (what 'sessionflow "
                    + "live --feed server --replay-clock' expects: its clock starts at its subscription too), 'now' "
                    + "at once. Default: subscribe with original timestamps; with --time now always now.")
    Start start;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = FeedServerSettings.DEFAULT_HOST,
            description = "Address to listen on (default ${DEFAULT-VALUE}: this machine only).")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + FeedServerSettings.DEFAULT_PORT,
            description = "Port (default ${DEFAULT-VALUE}; 0 = any free one, printed at the start).")
    int port;

    @Option(names = "--feed-path", paramLabel = "iex|sip|test", defaultValue = "iex",
            description = "The feed path served, /v2/PATH (default ${DEFAULT-VALUE}); a login on another gets 409.")
    AlpacaFeed feed;

    @Option(names = "--streams", split = ",", paramLabel = "TYPE",
            description = "What is served: bars, quotes, trades (default: bars, and quotes and trades when the "
                    + "store has them for these symbols).")
    List<StreamType> streams;

    @Option(names = "--connection-limit", paramLabel = "N", defaultValue = "0",
            description = "Logged-in connections allowed at once, 406 beyond (default 0 = no limit; Alpaca's is 1).")
    int connectionLimit;

    private final Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws Exception {
        range.validateDates();
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new UsageException("--speed " + speed + " is not a positive number (K times real time)");
        }
        if (port < 0 || port > 65_535) {
            throw new UsageException("--port " + port + " is not in 0..65535");
        }
        if (connectionLimit < 0) {
            throw new UsageException("--connection-limit " + connectionLimit + " is negative (0 = no limit)");
        }
        TimeMode mode = time != null ? time : speed == 1 ? TimeMode.NOW : TimeMode.ORIGINAL;
        if (mode == TimeMode.NOW && start == Start.SUBSCRIBE) {
            throw new UsageException("--start subscribe needs --time original: a session shifted to now starts at the "
                    + "next whole minute");
        }
        boolean onSubscribe = mode == TimeMode.ORIGINAL && start != Start.NOW;
        SessionConfig config = ConfigLoader.load(range.config, Map.of());
        List<TradingSession> sessions = config.calendar(Calendars.byName(config.exchange()))
                .sessions(range.from, range.to.plusDays(1));
        if (sessions.isEmpty()) {
            throw new UsageException("no " + config.exchange() + " sessions from " + range.from + " to " + range.to);
        }
        PrintWriter out = context.out();
        PrintWriter err = context.err();
        try (ShutdownGuard guard = ShutdownGuard.install(); MarketDataStore store = context.openExisting()) {
            Set<StreamType> served = served(store, range.symbolSet());
            FeedServerSettings settings = settings(err);
            WallClock wall = WallClock.system();
            Instant nowInstant = Clock.systemUTC().instant();
            long nowNanos = wall.nanoTime();
            ReplayPlan plan = ReplayPlan.of(sessions, range.symbolSet()).withSpeed(speed).withStreams(served);
            String when;
            if (mode == TimeMode.NOW) {
                // The open plays at the next whole minute, so that the shifted minute bars line up with the clock.
                Instant openAt = nowInstant.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
                plan = plan.withAnchorNanos(nowNanos + Duration.between(nowInstant, openAt).toNanos())
                        .playingAt(openAt);
                when = "the open of " + sessions.get(0).date() + " plays at " + openAt + ", sent as that time";
            } else {
                plan = plan.withAnchorNanos(nowNanos);
                when = "the open of " + sessions.get(0).date() + " (" + sessions.get(0).open() + ") plays "
                        + (onSubscribe ? "when the first client subscribes" : "now");
            }
            if (mode == TimeMode.NOW && speed != 1) {
                err.printf(Locale.ROOT, "note: --time now at --speed %s: the timestamps start now but run %sx faster "
                        + "than the clock%n", number(speed), number(speed));
            }
            CountDownLatch stop = new CountDownLatch(1);
            FeedServer.Builder builder = FeedServer.builder(store, plan).settings(settings).wallClock(wall);
            // The sender may report before start() returns: until then the plan given is the one played.
            java.util.concurrent.atomic.AtomicReference<FeedServer> started = new java.util.concurrent.atomic
                    .AtomicReference<>();
            ReplayPlan given = plan;
            builder.listener(progress(err, () -> started.get() == null ? given : started.get().plan(), wall));
            if (onSubscribe) {
                builder.startOnFirstSubscription();
            }
            try (FeedServer server = builder.start()) {
                started.set(server);
                out.printf(Locale.ROOT, "feed-server: %s serving %s of %s at %sx, %s; %s; Ctrl-C stops%n",
                        server.streamUri(), describe(sessions),
                        range.symbolSet().stream().map(Symbol::value).collect(Collectors.joining(",")),
                        number(speed), served.stream().map(t -> t.name().toLowerCase(Locale.ROOT))
                                .collect(Collectors.joining("+")) + (mode == TimeMode.NOW
                                ? " with timestamps shifted to now" : " with the original timestamps"), when);
                out.flush();
                guard.onRun(stop::countDown);
                while (!stop.await(1, TimeUnit.SECONDS)) {
                    if (server.failure().isPresent()) {
                        throw new IllegalStateException("the replay stopped: " + server.failure().get());
                    }
                }
            }
            err.println("feed-server stopped");
            err.flush();
            return Main.OK;
        }
    }

    /** Host, port, feed path, limits and the credentials from the environment (the line about them on stderr). */
    private FeedServerSettings settings(PrintWriter err) {
        FeedServerSettings s = FeedServerSettings.DEFAULT.withHost(host).withPort(port).withFeed(feed)
                .withConnectionLimit(connectionLimit);
        String key = environment.get(KEY_VARIABLE);
        String secret = environment.get(SECRET_VARIABLE);
        if ((key == null || key.isBlank()) && (secret == null || secret.isBlank())) {
            err.println("no " + KEY_VARIABLE + " / " + SECRET_VARIABLE + " set: any key and secret log in");
            return s;
        }
        // Names the variable that is missing; never prints a value.
        Credentials c = Credentials.fromEnvironment(environment, KEY_VARIABLE, SECRET_VARIABLE);
        err.println("only the key " + c.redactedKeyId() + " from " + KEY_VARIABLE + " logs in");
        return s.withCredentials(c);
    }

    /** The asked stream types, or bars plus what the store has for these symbols; unknown symbols are bad input. */
    private Set<StreamType> served(MarketDataStore store, Set<Symbol> symbols) {
        Set<Symbol> withBars = known(store.barCoverage().stream().filter(c -> c.intervalMinutes() == 1).toList());
        List<Symbol> unknown = new ArrayList<>(symbols);
        unknown.removeAll(withBars);
        if (!unknown.isEmpty()) {
            throw new UsageException("no 1m bars in " + store.description() + " for "
                    + unknown.stream().map(Symbol::value).collect(Collectors.joining(", ")) + "; symbols with bars: "
                    + (withBars.isEmpty() ? "none (import or generate data first)" : withBars.stream().limit(12)
                    .map(Symbol::value).collect(Collectors.joining(", ")) + (withBars.size() > 12 ? ", ..." : "")));
        }
        if (streams != null && !streams.isEmpty()) {
            return EnumSet.copyOf(streams);
        }
        EnumSet<StreamType> s = EnumSet.of(StreamType.BARS);
        if (known(store.quoteCoverage()).stream().anyMatch(symbols::contains)) {
            s.add(StreamType.QUOTES);
        }
        if (known(store.tradeCoverage()).stream().anyMatch(symbols::contains)) {
            s.add(StreamType.TRADES);
        }
        return s;
    }

    private static Set<Symbol> known(List<Coverage> coverage) {
        return coverage.stream().map(Coverage::symbol).collect(Collectors.toCollection(TreeSet::new));
    }

    /** A line on stderr as each session starts and ends (with the wait for the next), and at the end. */
    private static ReplayListener progress(PrintWriter err, Supplier<ReplayPlan> played, WallClock wall) {
        AtomicLong events = new AtomicLong();
        return new ReplayListener() {
            @Override
            public void onScheduleStart(long anchorNanos) {
                line(err, "first subscription: the schedule starts");
            }

            @Override
            public void onSessionStart(TradingSession s, int index, int total) {
                line(err, "session %s playing [%d/%d]", s.date(), index + 1, total);
            }

            @Override
            public void onPlayed(long wallNanos, int points) {
                events.addAndGet(points);
            }

            @Override
            public void onSessionEnd(TradingSession s, int index, int total, int count, int skipped) {
                String next = "";
                ReplayPlan plan = played.get();
                if (index + 1 < total) {
                    TradingSession n = plan.sessions().get(index + 1);
                    long waitNanos = Math.max(0, plan.dueNanos(n.open()) - wall.nanoTime());
                    next = String.format(Locale.ROOT, "; %s opens in %s", n.date(),
                            Duration.ofSeconds(Math.round(waitNanos / 1e9)).toString().substring(2).toLowerCase(
                                    Locale.ROOT));
                }
                line(err, "session %s played [%d/%d]: %,d events%s%s", s.date(), index + 1, total, count,
                        skipped > 0 ? String.format(Locale.ROOT, " (%,d scheduled before the start not sent)",
                                skipped) : "", next);
            }

            @Override
            public void onReplayFinished() {
                line(err, "replay finished (%,d events); connections stay open until Ctrl-C", events.get());
            }
        };
    }

    private static void line(PrintWriter err, String format, Object... args) {
        err.printf(Locale.ROOT, format + "%n", args);
        err.flush();
    }

    private static String describe(List<TradingSession> sessions) {
        return sessions.size() == 1 ? "1 session (" + sessions.get(0).date() + ")"
                : Plural.of(sessions.size(), "session") + " (" + sessions.get(0).date() + " to "
                + sessions.get(sessions.size() - 1).date() + ")";
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
