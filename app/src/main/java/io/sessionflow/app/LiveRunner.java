package io.sessionflow.app;

import io.sessionflow.api.DataManager;
import io.sessionflow.api.Diagnostics;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.RunResult;
import io.sessionflow.api.SessionSummary;
import io.sessionflow.bars.TradeBarConfig;
import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.calendar.ZoneLabels;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Quote;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.Trade;
import io.sessionflow.feed.Credentials;
import io.sessionflow.feed.FeedConnection;
import io.sessionflow.feed.FeedSettings;
import io.sessionflow.feed.FeedState;
import io.sessionflow.feed.FeedTransport;
import io.sessionflow.feed.LiveFeed;
import io.sessionflow.feed.Subscription;
import io.sessionflow.session.SessionData;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.store.recording.RecorderFigures;
import io.sessionflow.store.recording.RecorderSettings;
import io.sessionflow.store.recording.RecordingException;
import io.sessionflow.store.recording.StoreRecorder;
import io.sessionflow.time.WallClock;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs {@code sessionflow live}: a live data manager on the plan's clock (with the upkeep thread when there is a
 * store: warm start and repairs), the feed connection on a thread of its own, the listeners, the recorder, the
 * status line, and a session table at each session end. It ends when the plan's number of sessions have ended, on a
 * signal (see {@link ShutdownGuard}), or when the feed fails for good; then the feed stops first, then the data
 * manager, then the recorder writes what it holds.
 *
 * <p>Threading: {@link #run} on the command's thread, which alone prints; listeners hand over to it through a queue.
 */
final class LiveRunner {

    /** The longest wait between two looks at the feed's state. */
    static final Duration POLL = Duration.ofMillis(250);

    /**
     * What a live run needs.
     *
     * @param store       the store, or null: then no warm start, no repair and no recording
     * @param clock       market time: the system clock, or a replay clock
     * @param sessions    sessions to run; 0 for no limit (until stopped)
     * @param record      whether 1m bars are recorded into the store
     * @param recordTicks whether streamed quotes and trades are recorded too
     * @param listeners   more subscribers (the events file)
     * @param barsFromTrades whether the feed is asked for trades instead of bars and builds the 1m bars itself
     */
    record Plan(SessionConfig config, MarketDataStore store, Clock clock, WallClock wall, Set<Symbol> symbols,
                List<StreamType> streams, String feedName, FeedTransport transport, Credentials credentials,
                int sessions, boolean record, boolean recordTicks, List<MarketDataListener> listeners,
                boolean barsFromTrades) {
        Plan {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(wall, "wall");
            Objects.requireNonNull(feedName, "feedName");
            Objects.requireNonNull(transport, "transport");
            Objects.requireNonNull(credentials, "credentials");
            symbols = Set.copyOf(symbols);
            streams = List.copyOf(streams);
            listeners = List.copyOf(listeners);
            if (record && store == null) {
                throw new IllegalArgumentException("recording needs a store");
            }
            if (sessions < 0) {
                throw new IllegalArgumentException("sessions " + sessions + " is negative");
            }
        }
    }

    /**
     * How the run went.
     *
     * @param run      the sessions and figures, as a replay reports them
     * @param failure  why the run failed (the feed gave up, the coordinator failed, recording lost data), or null
     * @param recorded what the recorder wrote, or null without recording
     */
    record Outcome(ReplayRunner.Outcome run, String failure, RecorderFigures recorded) {
        Optional<String> failed() {
            return Optional.ofNullable(failure);
        }
    }

    private static final Object RUN_ENDED = new Object();

    /**
     * Where a dashboard joins a live run: {@link #beforeStart} subscribes its sampler, {@link #started} takes the
     * controls (the stop that a signal would run: the feed first, then the data manager).
     */
    interface Attach {
        Attach NONE = new Attach() {
        };

        default void beforeStart(DataManager dm) {
        }

        default void started(DataManager dm, Runnable stopRun) {
        }
    }

    private LiveRunner() {
    }

    static Outcome run(Plan plan, StatusPrinter status, PrintWriter tables, PrintWriter err, ShutdownGuard guard)
            throws InterruptedException {
        return run(plan, status, tables, err, guard, Attach.NONE);
    }

    static Outcome run(Plan plan, StatusPrinter status, PrintWriter tables, PrintWriter err, ShutdownGuard guard,
                       Attach attach) throws InterruptedException {
        BlockingQueue<Object> signals = new LinkedBlockingQueue<>();
        DataManager dm = DataManager.builder().config(plan.config()).store(plan.store()).live(plan.clock())
                .wallClock(plan.wall()).build();
        StoreRecorder recorder = null;
        LiveFeed feed = null;
        String failure = null;
        List<SessionSummary> ended = new ArrayList<>();
        AtomicBoolean stoppedByPage = new AtomicBoolean();
        try {
            for (StreamType type : plan.streams()) {
                dm.register(plan.symbols(), type);
            }
            plan.listeners().forEach(dm::subscribe);
            attach.beforeStart(dm);
            if (plan.record()) {
                recorder = StoreRecorder.start(plan.store(), RecorderSettings.DEFAULT.withTicks(
                        plan.recordTicks() && plan.streams().contains(StreamType.QUOTES),
                        plan.recordTicks() && plan.streams().contains(StreamType.TRADES)), plan.wall());
                dm.subscribe(closedByTheRun(recorder));
            }
            Set<Symbol> barSymbols = plan.streams().contains(StreamType.BARS) ? plan.symbols() : Set.of();
            dm.subscribe(new SessionEndSummaries(dm.sessionData(), barSymbols, plan.config().derivedIntervals(),
                    signals::add));
            dm.subscribe(new MarketDataListener() {
                @Override
                public void onRunEnd() {
                    signals.add(RUN_ENDED);
                }
            });
            AtomicReference<Throwable> crashed = new AtomicReference<>();
            feed = LiveFeed.builder(plan.feedName(), plan.transport(), plan.credentials()).wallClock(plan.wall())
                    .settings(plan.barsFromTrades() ? FeedSettings.DEFAULT.withBarsFromTrades(TradeBarConfig.DEFAULT)
                            : FeedSettings.DEFAULT)
                    .onFailure(t -> {
                        crashed.set(t);
                        signals.add(RUN_ENDED);
                    }).into(dm, plan.clock());
            dm.start();
            feed.start(subscription(plan.symbols(), plan.streams(), plan.barsFromTrades()));
            LiveFeed f = feed;
            Runnable stopRun = () -> {
                f.connection().stop();
                dm.stop();
            };
            guard.onRun(stopRun);
            attach.started(dm, () -> {
                stoppedByPage.set(true);
                stopRun.run();
            });
            failure = loop(plan, dm, feed.connection(), crashed, signals, ended, status, tables, err);
        } catch (RuntimeException | InterruptedException | Error e) {
            stop(feed, dm);
            if (recorder != null) {
                try {
                    recorder.close();  // what it was handed is written; a loss is secondary to this failure
                } catch (RuntimeException lost) {
                    e.addSuppressed(lost);
                }
            }
            throw e;
        }
        stop(feed, dm);
        status.clear();
        for (Object s; (s = signals.poll()) != null; ) {
            if (s instanceof SessionSummary summary) {
                ended(summary, plan, dm, ended, status, tables, err);  // ended while the run was stopping
            }
        }
        RunResult result = resultOf(dm);
        if (failure == null && result.outcome() == RunResult.Outcome.FAILED) {
            failure = "the live run failed: " + message(result.failure());
        }
        RecorderFigures recorded = null;
        if (recorder != null) {
            try {
                recorder.close();
            } catch (RecordingException e) {
                failure = failure == null ? e.getMessage() : failure + "; " + e.getMessage();
            }
            recorded = recorder.figures();
        }
        boolean interrupted = guard.requested() || stoppedByPage.get();
        Diagnostics d = dm.diagnostics();
        int total = plan.sessions() > 0 ? plan.sessions() : result.sessions().size();
        ReplayRunner.Outcome run = new ReplayRunner.Outcome(result, plan.config(), dm.calendar().zone(),
                d.storageRetries(), d.storageIssues(), interrupted, total);
        ReplayRunner.confirmedMissing(result).ifPresent(err::println);
        if (interrupted) {
            err.printf(Locale.ROOT, "interrupted by %s: stopped after %s, %s delivered%n",
                    guard.requested() ? "a signal" : "the dashboard's Stop",
                    Plural.of(result.sessions().size(), "session"), Plural.of(result.events(), "event"));
        }
        err.flush();
        return new Outcome(run, failure, recorded);
    }

    /** The feed first (its last batches go to the coordinator), then the data manager. */
    private static void stop(LiveFeed feed, DataManager dm) {
        if (feed != null) {
            feed.stop();
        }
        dm.stop();
    }

    /** Until the sessions are done, the run ends (a signal, a failure) or the feed fails for good. */
    private static String loop(Plan plan, DataManager dm, FeedConnection feed, AtomicReference<Throwable> crashed,
                               BlockingQueue<Object> signals, List<SessionSummary> ended, StatusPrinter status,
                               PrintWriter tables, PrintWriter err) throws InterruptedException {
        Set<Symbol> barSymbols = plan.streams().contains(StreamType.BARS) ? plan.symbols() : Set.of();
        while (true) {
            long wait = Math.min(POLL.toNanos(), status.nanosUntilDue(plan.wall().nanoTime()));
            Object s = signals.poll(wait, TimeUnit.NANOSECONDS);
            for (; s != null; s = signals.poll()) {
                if (s == RUN_ENDED) {
                    Throwable t = crashed.get();
                    return t == null ? null : "the feed's thread failed: " + message(t);
                }
                ended((SessionSummary) s, plan, dm, ended, status, tables, err);
                if (plan.sessions() > 0 && ended.size() >= plan.sessions()) {
                    return null;
                }
            }
            if (feed.state() == FeedState.FAILED) {
                return feed.failure().orElse(plan.feedName() + ": the feed failed");
            }
            status.tick(plan.wall().nanoTime(), () -> StatusLine.render(figures(plan, dm, feed, barSymbols)));
        }
    }

    private static void ended(SessionSummary s, Plan plan, DataManager dm, List<SessionSummary> ended,
                              StatusPrinter status, PrintWriter tables, PrintWriter err) {
        ended.add(s);
        status.clear();
        if (tables != null) {
            tables.print(Reports.sessionRows(List.of(s), dm.calendar().zone()));
            tables.flush();
        }
        String of = plan.sessions() > 0 ? "/" + plan.sessions() : "";
        err.printf(Locale.ROOT, "session %s ended (%s) [%d%s], %,d events%n", s.date(), s.reason().code(),
                ended.size(), of, dm.progress().events());
        err.flush();
    }

    static StatusLine.Figures figures(Plan plan, DataManager dm, FeedConnection feed, Set<Symbol> barSymbols) {
        Instant now = plan.clock().instant();
        SessionData data = dm.sessionData();
        LocalDate session = data.isSessionEnded() ? null : data.currentSessionDate().orElse(null);
        double quality = 100.0;
        if (session != null && !barSymbols.isEmpty()) {
            double sum = 0;
            for (Symbol symbol : barSymbols) {
                sum += data.symbol(symbol).map(d -> d.quality()).orElse(100.0);
            }
            quality = sum / barSymbols.size();
        }
        TradingCalendar calendar = dm.calendar();
        ZoneId zone = calendar.zone();
        return new StatusLine.Figures(now, zone, ZoneLabels.of(zone), feed.health(), session, quality,
                session == null ? nextOpen(calendar, now) : null, dm.progress().events());
    }

    /** The open of the session that contains {@code now} or comes next; null outside the calendar's range. */
    static Instant nextOpen(TradingCalendar calendar, Instant now) {
        try {
            Optional<TradingSession> in = calendar.sessionContaining(now);
            if (in.isPresent()) {
                return in.get().open();
            }
            LocalDate day = now.atZone(calendar.zone()).toLocalDate();
            Optional<TradingSession> today = calendar.session(day).filter(s -> s.open().isAfter(now));
            return today.orElseGet(() -> calendar.session(calendar.nextTradingDay(day)).orElseThrow()).open();
        } catch (RuntimeException e) {
            return null;  // beyond the calendar's years: the line says no session, without a date
        }
    }

    /** What the feed is asked for: the streams, with trades in place of bars when the feed builds the bars. */
    static Subscription subscription(Set<Symbol> symbols, List<StreamType> streams, boolean barsFromTrades) {
        Subscription s = Subscription.NONE;
        for (StreamType type : streams) {
            if (type == StreamType.QUOTE_BARS) {
                throw new IllegalArgumentException(
                        "live feeds carry no quote bars: --streams quote_bars is for replay");
            }
            s = s.plus(Subscription.of(barsFromTrades && type == StreamType.BARS ? StreamType.TRADES : type,
                    symbols));
        }
        return s;
    }

    /**
     * The recorder as a listener of the events only: the run closes it itself after the data manager has stopped,
     * to report what it could not write (closed from the coordinator's run end, the loss would only be logged).
     */
    private static MarketDataListener closedByTheRun(StoreRecorder recorder) {
        return new MarketDataListener() {
            @Override
            public void onBar(Bar bar) {
                recorder.onBar(bar);
            }

            @Override
            public void onQuote(Quote quote) {
                recorder.onQuote(quote);
            }

            @Override
            public void onTrade(Trade trade) {
                recorder.onTrade(trade);
            }
        };
    }

    private static RunResult resultOf(DataManager dm) throws InterruptedException {
        try {
            return dm.await(Duration.ofSeconds(5));  // stopped above: the result is there
        } catch (TimeoutException e) {
            throw new IllegalStateException("the live data manager did not stop within 5 s", e);
        }
    }

    private static String message(Throwable t) {
        if (t == null) {
            return "unknown cause";
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
