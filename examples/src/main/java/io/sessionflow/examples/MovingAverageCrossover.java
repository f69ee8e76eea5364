package io.sessionflow.examples;

import io.sessionflow.api.DataManager;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.RunResult;
import io.sessionflow.api.SessionEnd;
import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.feed.Credentials;
import io.sessionflow.feed.FeedTransport;
import io.sessionflow.feed.FeedTransports;
import io.sessionflow.feed.LiveFeed;
import io.sessionflow.feed.Subscription;
import io.sessionflow.feed.alpaca.AlpacaFeed;
import io.sessionflow.feed.alpaca.AlpacaTransport;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.store.Stores;
import io.sessionflow.time.ReplayClock;
import io.sessionflow.time.WallClock;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * A moving-average crossover on 5-minute bars: a fast and a slow simple average of closes per symbol, seeded at each
 * session start from the trailing sessions' 5m bars that SessionData holds, and a BUY (fast crosses above slow) or
 * SELL (below) line printed on each cross. Revised bars (a gap repaired after the fact) are not traded on: a real
 * strategy acts once per bar.
 *
 * <p>The same listener runs in a backtest ({@link #run}) and live ({@link #live}); only the wiring differs: a
 * backtest data manager over the store, or a live one on a clock with a feed pushing into it.
 *
 * <p>Threading: the listener runs on the coordinator thread, one bar at a time; its state needs no locking.
 */
public final class MovingAverageCrossover implements MarketDataListener {

    static final Interval FIVE_MINUTES = Interval.ofMinutes(5);
    /** The data the strategy needs, in both modes: 5m bars, and the last three sessions' 5m bars as history. */
    static final SessionConfig CONFIG = SessionConfig.builder()
            .derivedIntervals(List.of(FIVE_MINUTES))
            .historicalTrailingSessions(3)
            .historicalBarIntervals(List.of(FIVE_MINUTES))
            .build();
    private static final String USAGE = """
            usage: examples/run [--db PATH|URL] SYM1,SYM2 FROM TO      (a backtest; dates YYYY-MM-DD)
                   examples/run [--db PATH|URL] --live URL [--replay-clock YYYY-MM-DDTHH:MM [--speed K]] SYM1,SYM2
                                (live until the session ends, e.g. --live ws://127.0.0.1:8765 against a feed-server)""";

    private final DataManager dm;
    private final int fast;
    private final int slow;
    private final PrintStream out;
    private final Map<Symbol, Averages> bySymbol = new LinkedHashMap<>();
    private int signals;

    MovingAverageCrossover(DataManager dm, int fast, int slow, PrintStream out) {
        this.dm = dm;
        this.fast = fast;
        this.slow = slow;
        this.out = out;
    }

    /**
     * {@code examples/run [--db PATH|URL] SYMBOLS FROM TO}, e.g. {@code examples/run SYM001,SYM003 2025-11-24
     * 2025-12-02} after {@code ./sessionflow demo} has filled the default store; or {@code examples/run --live URL
     * [--replay-clock T [--speed K]] SYMBOLS} (see {@link #live}). Credentials for Alpaca come from
     * {@code APCA_API_KEY_ID} and {@code APCA_API_SECRET_KEY}; a feed-server takes any.
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        List<String> a = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i], args[++i]);
            } else {
                a.add(args[i]);
            }
        }
        boolean live = options.containsKey("--live");
        Set<String> allowed = live ? Set.of("--db", "--live", "--replay-clock", "--speed") : Set.of("--db");
        if (!allowed.containsAll(options.keySet()) || a.size() != (live ? 1 : 3)
                || options.containsKey("--speed") && !options.containsKey("--replay-clock")) {
            System.err.println(USAGE);
            System.exit(2);
        }
        List<Symbol> symbols = Arrays.stream(a.get(0).split(",")).map(s -> Symbol.of(s.toUpperCase(Locale.ROOT)))
                .toList();
        try (MarketDataStore store = Stores.open(options.getOrDefault("--db", Stores.DEFAULT_PATH.toString()))) {
            if (!live) {
                run(store, symbols, LocalDate.parse(a.get(1)), LocalDate.parse(a.get(2)), System.out);
            } else {
                Clock clock = Clock.systemUTC();
                if (options.containsKey("--replay-clock")) {  // a paper run: market time from T, K times as fast
                    Instant start = LocalDateTime.parse(options.get("--replay-clock"))
                            .atZone(Calendars.xnys().zone()).toInstant();
                    double speed = Double.parseDouble(options.getOrDefault("--speed", "1"));
                    clock = new ReplayClock(start, speed, WallClock.system());
                }
                Map<String, String> env = System.getenv();
                Credentials credentials = env.containsKey("APCA_API_KEY_ID")
                        ? Credentials.fromEnvironment(env, "APCA_API_KEY_ID", "APCA_API_SECRET_KEY")
                        : Credentials.of("paper", "feed-server");
                live(URI.create(options.get("--live")), credentials, clock, store, symbols, System.out);
            }
            System.exit(0);
        }
    }

    /** Replays {@code [from, to]} and prints the signals; returns how many there were. */
    public static int run(MarketDataStore store, List<Symbol> symbols, LocalDate from, LocalDate to, PrintStream out)
            throws InterruptedException {
        try (DataManager dm = DataManager.builder().config(CONFIG).store(store).backtest(from, to.plusDays(1))
                .build()) {
            MovingAverageCrossover strategy = new MovingAverageCrossover(dm, 6, 24, out);
            dm.register(symbols, StreamType.BARS).subscribe(strategy);
            RunResult result = dm.runInline();  // a backtest can run on this thread
            return strategy.ended(result);
        }
    }

    /**
     * Runs the same strategy live until the session ends, on the 1m bars of an Alpaca-compatible stream at
     * {@code url} (Alpaca's {@code wss://stream.data.alpaca.markets}, or a {@code sessionflow feed-server}), and
     * prints as {@link #run} does; the store gives the history and repairs gaps. On a {@link ReplayClock} (a paper
     * run against a feed-server), market time starts when the server acknowledges the subscription, which is when
     * it starts its replay.
     *
     * @throws IllegalStateException when the feed ends first (rejected credentials, a fatal server error)
     */
    public static int live(URI url, Credentials credentials, Clock clock, MarketDataStore store, List<Symbol> symbols,
                           PrintStream out) throws InterruptedException, ExecutionException, TimeoutException {
        FeedTransport transport = AlpacaTransport.of(url, AlpacaFeed.IEX);
        if (clock instanceof ReplayClock replay) {
            transport = FeedTransports.startingOnFirstSubscription(transport, replay::start);
        }
        CompletableFuture<String> ended = new CompletableFuture<>();  // null: the session ended; else why the feed did
        try (DataManager dm = DataManager.builder().config(CONFIG).store(store).live(clock).build();
             LiveFeed feed = LiveFeed.builder("stream", transport, credentials)
                     .whenEnded(f -> ended.complete(f.failure().orElse("the feed stopped"))).into(dm, clock)) {
            MovingAverageCrossover strategy = new MovingAverageCrossover(dm, 6, 24, out);
            dm.register(symbols, StreamType.BARS).subscribe(strategy);
            dm.subscribe(new MarketDataListener() {
                @Override
                public void onSessionEnd(SessionEnd end) {
                    ended.complete(null);
                }
            });
            dm.start();
            feed.start(Subscription.of(StreamType.BARS, symbols));
            String failure = ended.get();  // until the session ends, or Ctrl-C
            if (failure != null) {
                throw new IllegalStateException("live: " + failure);
            }
            feed.stop();  // the feed first, so that it does not find the coordinator's input closed
            dm.stop();
            return strategy.ended(dm.await(Duration.ofSeconds(10)));
        }
    }

    private int ended(RunResult result) {
        if (result.outcome() == RunResult.Outcome.FAILED) {
            throw new IllegalStateException("run failed", result.failure());
        }
        out.printf(Locale.ROOT, "%d signals over %d sessions%n", signals, result.sessions().size());
        return signals;
    }

    @Override
    public void onSessionStart(TradingSession session) {
        for (Symbol s : dm.sessionData().symbols()) {
            Averages avg = new Averages();
            // The trailing sessions' 5m bars warm the averages up: the first cross of the day is a real one.
            for (BarSeries day : dm.sessionData().symbol(s).orElseThrow().historicalBars(FIVE_MINUTES).values()) {
                for (Bar b : day) {
                    avg.add(b.close());
                }
            }
            bySymbol.put(s, avg);
        }
    }

    @Override
    public void onDerivedBar(Bar bar) {
        if (!bar.interval().equals(FIVE_MINUTES) || bar.isRevised()) {
            return;
        }
        Averages avg = bySymbol.get(bar.symbol());
        int before = avg.side();
        avg.add(bar.close());
        int after = avg.side();
        if (before != 0 && after != 0 && before != after) {
            signals++;
            out.printf(Locale.ROOT, "%s %-7s %-4s fast %.4f %s slow %.4f at %.2f%n", bar.end(), bar.symbol(),
                    after > 0 ? "BUY" : "SELL", avg.fast(), after > 0 ? ">" : "<", avg.slow(), bar.close());
        }
    }

    /** Fast and slow simple averages over the last closes. */
    private final class Averages {
        private final ArrayDeque<Double> closes = new ArrayDeque<>();

        void add(double close) {
            closes.addLast(close);
            if (closes.size() > slow) {
                closes.removeFirst();
            }
        }

        double fast() {
            return closes.stream().skip(closes.size() - fast).mapToDouble(Double::doubleValue).average().orElse(0);
        }

        double slow() {
            return closes.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        }

        /** +1 when fast is above slow, -1 below, 0 until there are enough closes or when equal. */
        int side() {
            if (closes.size() < slow) {
                return 0;
            }
            return (int) Math.signum(fast() - slow());
        }
    }
}
