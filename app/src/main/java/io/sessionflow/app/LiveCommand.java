package io.sessionflow.app;

import io.sessionflow.api.MarketDataListener;
import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.config.ConfigValues;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.dashboard.runs.RunKind;
import io.sessionflow.dashboard.runs.RunReport;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.feed.Credentials;
import io.sessionflow.feed.FeedTransport;
import io.sessionflow.feed.FeedTransports;
import io.sessionflow.feed.alpaca.AlpacaFeed;
import io.sessionflow.feed.alpaca.AlpacaHistoricalBars;
import io.sessionflow.feed.alpaca.AlpacaTransport;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.storage.MarketDataStores;
import io.sessionflow.store.Stores;
import io.sessionflow.time.ReplayClock;
import io.sessionflow.time.WallClock;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sessionflow live}: the coordinator on a live feed (Alpaca's stream, or a {@code sessionflow feed-server}
 * replaying stored sessions) until the sessions asked for have ended or a signal stops it. A status line goes to
 * stderr, a session table to stdout at each session end, and at the end the run's footer, or its JSON summary; the
 * {@code --events} and {@code --summary} files are those of {@code replay}. Exit codes as for replay: 0 when the
 * sessions ended or a signal stopped the run (the JVM then exits 130 or 143), 2 for bad usage, 1 when the feed failed
 * for good (refused credentials, a fatal provider error), the run failed or recording lost data.
 */
@Command(name = "live", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the coordinator on a live feed until the session ends (or --sessions have ended) or "
                + "Ctrl-C: a status line on stderr, the session table at each session end. Credentials come from "
                + "APCA_API_KEY_ID and APCA_API_SECRET_KEY or --credentials FILE, never from the command line.")
final class LiveCommand implements Callable<Integer> {

    @Mixin
    StoreContext context;

    @Option(names = "--feed", required = true, paramLabel = "alpaca|server",
            description = "alpaca: Alpaca's market data stream; server: a sessionflow feed-server (paper runs).")
    LiveFeeds.Kind feed;

    @Option(names = "--symbols", split = ",", paramLabel = "SYM", required = true,
            description = "Symbols, comma-separated (case-insensitive).")
    List<Symbol> symbols;

    @Option(names = "--intervals", split = ",", paramLabel = "N",
            description = "Derived bar intervals in minutes, e.g. 5,15 (1m is always delivered).")
    List<Interval> intervals;

    @Option(names = "--streams", split = ",", paramLabel = "TYPE", defaultValue = "bars",
            description = "Stream types per symbol: bars, quotes, trades (default: ${DEFAULT-VALUE}).")
    List<StreamType> streams;

    @Option(names = "--url", paramLabel = "URL",
            description = "Stream base URL (default: Alpaca's host for alpaca, " + "ws://127.0.0.1:8765 for server).")
    String url;

    @Option(names = "--alpaca-feed", paramLabel = "iex|sip|test", defaultValue = "iex",
            description = "Alpaca stock feed: iex (free plan), sip (paid), test (default: ${DEFAULT-VALUE}).")
    AlpacaFeed alpacaFeed;

    @Option(names = "--credentials", paramLabel = "FILE",
            description = "Properties file with key_id= and secret_key= (instead of the environment variables).")
    Path credentials;

    @Option(names = "--sessions", paramLabel = "N", defaultValue = "1",
            description = "Sessions to run, 0 for no limit (default: ${DEFAULT-VALUE}: the current or next one).")
    int sessions;

    @Option(names = "--bars-from-trades", description = "Ask the feed for trades instead of bars and build the 1m "
            + "bars from them (for feeds or plans that send trades only); late trades give updated bars.")
    boolean barsFromTrades;

    @Option(names = "--no-rest-backfill", description = "With --feed alpaca: do not fill the store's missing minutes "
            + "(warm start, repairs) from Alpaca's REST history.")
    boolean noRestBackfill;

    @Option(names = "--record", description = "Write every live 1m bar into the store (--db), in batches.")
    boolean record;

    @Option(names = "--record-ticks", description = "With --record: also the streamed quotes and trades.")
    boolean recordTicks;

    @Option(names = "--events", paramLabel = "FILE", description = "Write every delivered event as JSON Lines.")
    Path events;

    @Option(names = "--summary", paramLabel = "FILE", description = "Write the JSON summary at the end.")
    Path summary;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML settings file; flags override it.")
    Path config;

    @Option(names = "--replay-clock", paramLabel = "INSTANT",
            description = "Paper runs: market time starts at INSTANT (ISO-8601, e.g. 2013-10-07T13:30:00Z, or a local "
                    + "date-time in the exchange's zone) when the feed acknowledges the subscription, then runs "
                    + "--speed times as fast as real time. Default: the system clock.")
    String replayClock;

    @Option(names = "--speed", paramLabel = "K", description = "With --replay-clock: K times real time (default 1).")
    Double speed;

    @Option(names = "--status", paramLabel = "auto|redraw|lines|off", defaultValue = "auto",
            description = "Status line on stderr: redrawn in place on a terminal, else one line per "
                    + "--status-interval (default: ${DEFAULT-VALUE}).")
    StatusPrinter.Mode status;

    @Option(names = "--status-interval", paramLabel = "DURATION", defaultValue = "10s",
            description = "Period of the plain status lines (default: ${DEFAULT-VALUE}).")
    Duration statusInterval;

    @Mixin
    FormatOption format;

    @Mixin
    DashboardOptions dashboard = new DashboardOptions();

    /** Where credentials are looked up when no file is given; tests pass a map. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws Exception {
        boolean json = format.json();
        validate();
        SessionConfig settings = settings();
        Credentials creds = LiveFeeds.credentials(feed, credentials, environment);
        URI base = LiveFeeds.base(feed, url);
        AlpacaTransport alpaca = LiveFeeds.transport(base, alpacaFeed);
        ReplayClock replay = replayClock(Calendars.byName(settings.exchange()).zone());
        Clock clock = replay != null ? replay : Clock.systemUTC();
        FeedTransport transport = replay != null ? FeedTransports.startingOnFirstSubscription(alpaca, replay::start)
                : alpaca;
        PrintWriter out = context.out();
        PrintWriter err = context.err();
        StatusPrinter printer = new StatusPrinter(err, status.resolve(StatusPrinter.stderrIsTerminal()),
                statusInterval);
        EventJsonWriter eventWriter = null;
        try (ShutdownGuard guard = ShutdownGuard.install(); MarketDataStore opened = openStore();
             DashboardOptions.Open page = dashboard.open(RunKind.LIVE, "live " + feed.label + " "
                     + DashboardRuns.describe(symbolSet()), err)) {
            MarketDataStore store = withRestBackfill(opened, creds, settings, clock);
            List<MarketDataListener> listeners = new ArrayList<>();
            if (events != null) {
                eventWriter = new EventJsonWriter(ReplayCommand.openForWrite(events, "--events"));
                listeners.add(eventWriter);
            }
            err.println(describe(alpaca, store, replay));
            err.flush();
            LiveRunner.Plan plan = new LiveRunner.Plan(settings, store, clock, WallClock.system(), symbolSet(),
                    streams(), feed.label, transport, creds, sessions, record, recordTicks, listeners, barsFromTrades);
            LiveRunner.Outcome outcome = LiveRunner.run(plan, printer, json ? null : out, err, guard,
                    page == null ? LiveRunner.Attach.NONE : DashboardRuns.track(page.run(), plan));
            if (eventWriter != null) {
                eventWriter.close();
                eventWriter = null;
            }
            Map<String, Object> report = new LinkedHashMap<>(SummaryJson.of(outcome.run()));
            outcome.failed().ifPresent(f -> report.put("failure", f));
            if (summary != null) {
                SummaryJson.write(summary, report);
            }
            if (json) {
                out.println(SummaryJson.toJson(report));
            } else {
                out.print(Reports.footer(outcome.run()));
                var r = outcome.recorded();
                if (r != null) {
                    out.printf(Locale.ROOT, "recorded %s%s into %s%n", Plural.of(r.bars(), "1m bar"), recordTicks
                            ? ", " + Plural.of(r.quotes(), "quote") + ", " + Plural.of(r.trades(), "trade") : "",
                            store.description());
                }
            }
            out.flush();
            if (page != null) {
                if (outcome.failed().isPresent()) {
                    page.run().failed(outcome.failure());
                } else {
                    page.run().ended(new RunReport(Reports.sessionTable(outcome.run()), report),
                            outcome.run().interrupted());
                }
                page.afterRun(dashboard, guard, err);
            }
            if (outcome.failed().isPresent()) {
                err.println(context.mixee.qualifiedName() + ": error: " + outcome.failure());
                err.flush();
                return Main.FAILURE;
            }
            return Main.OK;
        } finally {
            if (eventWriter != null) {
                eventWriter.close();
            }
        }
    }

    private SessionConfig settings() {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (intervals != null) {
            overrides.put("derived-intervals", intervals.stream().map(Interval::toString)
                    .collect(Collectors.joining(",")));
        }
        return ConfigLoader.load(config, overrides);
    }

    private void validate() {
        if (sessions < 0) {
            throw new UsageException("--sessions " + sessions + " is negative (0 runs until stopped)");
        }
        if (speed != null && replayClock == null) {
            throw new UsageException("--speed " + speed + " needs --replay-clock: live time is the system clock");
        }
        if (speed != null && !(speed > 0 && Double.isFinite(speed))) {
            throw new UsageException("--speed " + speed + " is not a positive number");
        }
        if (recordTicks && !record) {
            throw new UsageException("--record-ticks needs --record");
        }
        if (recordTicks && !streams().contains(StreamType.QUOTES) && !streams().contains(StreamType.TRADES)) {
            throw new UsageException("--record-ticks records quotes and trades: add them to --streams");
        }
    }

    /**
     * With {@code --feed alpaca} and a store: the store whose missing session minutes (a warm start's, a repair's)
     * come from Alpaca's REST history and are written back. The TEST stream has no REST history.
     */
    MarketDataStore withRestBackfill(MarketDataStore store, Credentials creds, SessionConfig settings,
                                             Clock clock) {
        if (store == null || feed != LiveFeeds.Kind.ALPACA || noRestBackfill || alpacaFeed == AlpacaFeed.TEST) {
            return store;
        }
        TradingCalendar calendar = settings.calendar(Calendars.byName(settings.exchange()));
        return MarketDataStores.withBarBackfill(store, AlpacaHistoricalBars.builder(creds, alpacaFeed).build(),
                calendar, clock);
    }

    /** The store: created for --record; otherwise opened when named or when the default one exists, else none. */
    private MarketDataStore openStore() {
        if (record) {
            return context.openOrCreate();
        }
        if (!context.isDefault() || Files.isRegularFile(Stores.DEFAULT_PATH)) {
            return context.openExisting();
        }
        return null;
    }

    /** The replay clock of --replay-clock, not started: it starts with the feed's first acknowledgement. */
    ReplayClock replayClock(ZoneId exchangeZone) {
        if (replayClock == null) {
            return null;
        }
        return new ReplayClock(parseInstant(replayClock, exchangeZone), speed == null ? 1 : speed,
                WallClock.system());
    }

    /** An ISO-8601 instant, date-time with offset, or local date-time in {@code zone}. */
    static Instant parseInstant(String text, ZoneId zone) {
        String t = text.strip();
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            // not with Z: try an offset, then the exchange's local time
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            // no offset
        }
        try {
            return LocalDateTime.parse(t).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new UsageException("--replay-clock " + ConfigValues.excerpt(text) + " is not an instant such as "
                    + "2013-10-07T13:30:00Z or a local date-time such as 2013-10-07T09:30 (" + zone + ")");
        }
    }

    private Set<Symbol> symbolSet() {
        return new LinkedHashSet<>(symbols);
    }

    private List<StreamType> streams() {
        return streams == null || streams.isEmpty() ? List.of(StreamType.BARS) : List.copyOf(new LinkedHashSet<>(
                streams));
    }

    /** One line about the run: where from, what, on which clock, into which store. */
    private String describe(AlpacaTransport alpaca, MarketDataStore store, ReplayClock replay) {
        StringBuilder sb = new StringBuilder("live: ").append(feed.label).append(' ').append(alpaca.uri())
                .append(", ").append(Plural.of(symbols.size(), "symbol")).append(" (")
                .append(streams().stream().map(s -> s.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", "))).append(')');
        sb.append(sessions == 0 ? ", until stopped" : ", until " + Plural.of(sessions, "session") + " ended");
        if (replay != null) {
            sb.append(", replay clock from ").append(replay.startInstant()).append(" at ")
                    .append(speedText(replay.speed())).append("x once subscribed");
        }
        if (store == null) {
            sb.append(", no store (no warm start, no repair)");
        } else {
            sb.append(", store ").append(store.description()).append(record ? recordTicks
                    ? " (recording bars and ticks)" : " (recording bars)" : "");
        }
        return sb.toString();
    }

    private static String speedText(double k) {
        return k == Math.rint(k) && Math.abs(k) < 1e15 ? Long.toString((long) k) : Double.toString(k);
    }
}
