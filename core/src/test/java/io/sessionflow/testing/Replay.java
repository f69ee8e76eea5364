package io.sessionflow.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.api.DataManager;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.RunResult;
import io.sessionflow.api.SessionSummary;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.session.SymbolSessionData;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.time.WallClock;
import io.sessionflow.upkeep.RetryPolicy;
import io.sessionflow.upkeep.DropFilter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The backtest fixture of the coordinator, upkeep and API tests: a data manager over a window and a store, with the
 * given symbols' streams registered and an {@link EventLog} subscribed first, run to its end.
 *
 * <p>Not thread-safe: build and run from the test thread.
 */
public final class Replay {

    public static final Duration RUN_TIMEOUT = Duration.ofSeconds(30);

    private final LocalDate from;
    private final LocalDate toExclusive;
    private final List<Symbol> symbols = new ArrayList<>();
    private final Set<StreamType> streams = EnumSet.of(StreamType.BARS);
    private final List<Function<DataManager, MarketDataListener>> listeners = new ArrayList<>();
    private final List<Consumer<DataManager>> setup = new ArrayList<>();
    private SessionConfig config = SessionConfig.defaults();
    private MarketDataStore store = new InMemoryStore();
    private DropFilter drop = DropFilter.NONE;
    private boolean upkeep = true;
    private WallClock wall = WallClock.system();
    private RetryPolicy retry = RetryPolicy.DEFAULT;

    private Replay(LocalDate from, LocalDate toExclusive) {
        this.from = from;
        this.toExclusive = toExclusive;
    }

    /** A backtest over the sessions with dates in {@code [from, toExclusive)}. */
    public static Replay over(LocalDate from, LocalDate toExclusive) {
        return new Replay(from, toExclusive);
    }

    public Replay symbols(List<Symbol> v) {
        symbols.addAll(v);
        return this;
    }

    /** The stream types registered for every symbol (default: bars). */
    public Replay streams(StreamType... types) {
        streams.clear();
        streams.addAll(List.of(types));
        return this;
    }

    public Replay config(SessionConfig v) {
        config = Objects.requireNonNull(v);
        return this;
    }

    /** Changes the configuration from the defaults (or the one set before). */
    public Replay config(UnaryOperator<SessionConfig.Builder> change) {
        config = change.apply(config.toBuilder()).build();
        return this;
    }

    public Replay store(MarketDataStore v) {
        store = Objects.requireNonNull(v);
        return this;
    }

    public Replay drop(DropFilter v) {
        drop = Objects.requireNonNull(v);
        return this;
    }

    public Replay upkeep(boolean v) {
        upkeep = v;
        return this;
    }

    public Replay wall(WallClock v) {
        wall = Objects.requireNonNull(v);
        return this;
    }

    public Replay retry(RetryPolicy v) {
        retry = Objects.requireNonNull(v);
        return this;
    }

    /** A listener subscribed after the event log, made with the data manager (to pause it, read its time, ...). */
    public Replay listener(Function<DataManager, MarketDataListener> v) {
        listeners.add(v);
        return this;
    }

    public Replay listener(MarketDataListener v) {
        return listener(dm -> v);
    }

    /** Work on the built data manager before it starts (publishers, extra registrations). */
    public Replay setup(Consumer<DataManager> v) {
        setup.add(v);
        return this;
    }

    /** The data manager with streams registered and listeners subscribed, not started; and its event log. */
    public Started build() {
        DataManager dm = DataManager.builder().config(config).store(store).backtest(from, toExclusive).wallClock(wall)
                .upkeep(upkeep).dropFilter(drop).retryPolicy(retry).build();
        for (StreamType t : streams) {
            dm.register(symbols, t);
        }
        EventLog log = new EventLog(dm::now);
        dm.subscribe(log);
        listeners.forEach(l -> dm.subscribe(l.apply(dm)));
        setup.forEach(s -> s.accept(dm));
        return new Started(dm, log);
    }

    /** Builds, runs to the end (failing the test when it does not end within {@link #RUN_TIMEOUT}), closes. */
    public Result run() {
        return build().run();
    }

    /** Starts {@code dm}, waits for the end within {@link #RUN_TIMEOUT} and stops it; null when it did not end. */
    public static RunResult runOrNull(DataManager dm) throws InterruptedException {
        try {
            return dm.run(RUN_TIMEOUT);
        } catch (java.util.concurrent.TimeoutException e) {
            return null;
        }
    }

    /** Waits for the end of {@code dm}'s run within {@link #RUN_TIMEOUT}; null when it did not end. */
    public static RunResult awaitOrNull(DataManager dm) throws InterruptedException {
        try {
            return dm.await(RUN_TIMEOUT);
        } catch (java.util.concurrent.TimeoutException e) {
            return null;
        }
    }

    /** A built data manager and its event log. */
    public record Started(DataManager dm, EventLog log) {

        /** Runs to the end (failing the test when it does not end within {@link #RUN_TIMEOUT}), then closes. */
        public Result run() {
            try (DataManager d = dm) {
                RunResult r = runOrNull(d);
                assertThat(r).as("the run ended within %s", RUN_TIMEOUT).isNotNull();
                return new Result(d, r, log);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** A finished run: its data manager (stopped; SessionData still readable), result and events. */
    public record Result(DataManager dm, RunResult run, EventLog log) {

        /** Fails unless the run completed every session. */
        public Result completed() {
            assertThat(run.failureCause()).as("run failure").isEmpty();
            assertThat(run.outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
            return this;
        }

        public List<SessionSummary> sessions() {
            return run.sessions();
        }

        public SymbolSessionData data(Symbol s) {
            return dm.sessionData().symbol(s).orElseThrow();
        }
    }
}
