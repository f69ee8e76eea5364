package io.sessionflow.api;

import io.sessionflow.agent.AgentRunner;
import io.sessionflow.agent.WakeSignal;
import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.coordinator.CoordinatorBuilder;
import io.sessionflow.coordinator.SessionSource;
import io.sessionflow.coordinator.StreamCoordinator;
import io.sessionflow.corporate.PriceAdjustment;
import io.sessionflow.session.SessionData;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.system.OperationMode;
import io.sessionflow.system.SystemManager;
import io.sessionflow.time.TimeProvider;
import io.sessionflow.time.WallClock;
import io.sessionflow.upkeep.DropFilter;
import io.sessionflow.upkeep.InlineSessionSource;
import io.sessionflow.upkeep.RetryPolicy;
import io.sessionflow.upkeep.SessionLoader;
import io.sessionflow.upkeep.UpkeepAgent;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of one data manager, wired for backtest or live mode: the clock, SessionData, the coordinator agent and
 * its session source (the upkeep agent, an inline source, or none), and the runners of their threads.
 *
 * <p>Immutable once built; the parts follow their own threading contracts.
 */
record Wiring(TradingCalendar calendar, MarketDataStore store, List<TradingSession> sessions, TimeProvider time,
              SystemManager system, SessionData sessionData, WakeSignal signal, StreamCoordinator coordinator,
              AgentRunner coordinatorRunner, Optional<UpkeepAgent> upkeep, Optional<AgentRunner> upkeepRunner,
              Optional<InlineSessionSource> inline) {

    private static final Logger LOG = LoggerFactory.getLogger(DataManager.class);
    /** How long stopping waits for each thread. */
    private static final long CLOSE_MILLIS = 2_000;

    static Wiring backtest(SessionConfig config, TradingCalendar calendar, MarketDataStore store, LocalDate from,
                           LocalDate to, WallClock wall, boolean withUpkeep, DropFilter drop, RetryPolicy retry,
                           PriceAdjustment adjustment) {
        if (store == null) {
            throw new IllegalArgumentException("a backtest needs a store to read its sessions from");
        }
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("backtest window [" + from + ", " + to + ") is empty");
        }
        List<TradingSession> sessions = calendar.sessions(from, to);
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("no " + calendar.name() + " trading sessions between " + from
                    + " and " + to.minusDays(1));
        }
        // Adjusted prices are on the basis of the run's last session: nothing after it is known (PriceAdjustment).
        SessionLoader loader = new SessionLoader(store, config, calendar, drop, withUpkeep,
                adjustment.withRunBasis(sessions.get(sessions.size() - 1).date()));
        WakeSignal signal = new WakeSignal(wall);
        UpkeepAgent upkeep = withUpkeep ? UpkeepAgent.backtest(loader, wall, retry, signal) : null;
        // Retrying storage is the upkeep thread's duty: without it a failure fails the run at once.
        InlineSessionSource inline = withUpkeep ? null
                : new InlineSessionSource(loader, wall, new RetryPolicy(1, retry.firstBackoff(), retry.maxBackoff()));
        return assemble(config, calendar, store, sessions, TimeProvider.backtest(sessions.get(0).open()), wall,
                signal, upkeep, upkeep != null ? upkeep : inline, inline);
    }

    static Wiring live(SessionConfig config, TradingCalendar calendar, MarketDataStore store, Clock clock,
                       WallClock wall, boolean withUpkeep, RetryPolicy retry, PriceAdjustment adjustment) {
        WakeSignal signal = new WakeSignal(wall);
        UpkeepAgent upkeep = null;
        if (store != null && withUpkeep) {
            // Live feeds push their own data; the upkeep thread loads history and repairs gaps from storage.
            SessionLoader loader = new SessionLoader(store, config, calendar, DropFilter.NONE, true, adjustment);
            upkeep = UpkeepAgent.live(loader, store, config, wall, retry, signal);
        }
        return assemble(config, calendar, store, List.of(), TimeProvider.live(clock), wall, signal, upkeep,
                upkeep != null ? upkeep : SessionSource.empty(), null);
    }

    private static Wiring assemble(SessionConfig config, TradingCalendar calendar, MarketDataStore store,
                                   List<TradingSession> sessions, TimeProvider time, WallClock wall, WakeSignal signal,
                                   UpkeepAgent upkeep, SessionSource source, InlineSessionSource inline) {
        SystemManager system = new SystemManager(time.mode());
        SessionData data = new SessionData(config, time);
        CoordinatorBuilder b = StreamCoordinator.builder().config(config).time(time).system(system)
                .sessionData(data).wallClock(wall).calendar(calendar).source(source).signal(signal);
        if (time.mode() == OperationMode.BACKTEST) {
            b.backtestSessions(sessions);
        }
        StreamCoordinator coordinator = b.build();
        AgentRunner coordinatorRunner = new AgentRunner(coordinator, signal,
                t -> LOG.error("coordinator thread failed: {}", t.toString()), CLOSE_MILLIS);
        AgentRunner upkeepRunner = upkeep == null ? null : new AgentRunner(upkeep, upkeep.idleStrategy(),
                t -> LOG.error("upkeep thread failed: {}", t.toString()), CLOSE_MILLIS);
        return new Wiring(calendar, store, List.copyOf(sessions), time, system, data, signal, coordinator,
                coordinatorRunner, Optional.ofNullable(upkeep), Optional.ofNullable(upkeepRunner),
                Optional.ofNullable(inline));
    }

    Diagnostics diagnostics() {
        int retries = upkeep.map(UpkeepAgent::storageRetries).orElse(0)
                + inline.map(InlineSessionSource::storageRetries).orElse(0);
        List<String> issues = upkeep.map(UpkeepAgent::storageIssues)
                .orElseGet(() -> inline.map(InlineSessionSource::storageIssues).orElse(List.of()));
        return new Diagnostics(coordinator.prefetchedSessions(), retries, issues,
                upkeep.map(UpkeepAgent::failure), coordinator.timerExpired());
    }
}
