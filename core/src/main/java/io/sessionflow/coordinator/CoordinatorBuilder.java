package io.sessionflow.coordinator;

import io.sessionflow.agent.WakeSignal;
import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.session.SessionData;
import io.sessionflow.system.OperationMode;
import io.sessionflow.system.SystemManager;
import io.sessionflow.time.TimeProvider;
import io.sessionflow.time.WallClock;
import java.util.List;
import java.util.Objects;

/**
 * Assembles a {@link StreamCoordinator}.
 *
 * <p>Not thread-safe.
 */
public final class CoordinatorBuilder {
    SessionConfig config;
    TimeProvider time;
    SystemManager system;
    SessionData data;
    WallClock wall = WallClock.system();
    TradingCalendar calendar;
    List<TradingSession> sessions;
    SessionSource source;
    WakeSignal signal;

    public CoordinatorBuilder config(SessionConfig v) {
        config = v;
        return this;
    }

    public CoordinatorBuilder time(TimeProvider v) {
        time = v;
        return this;
    }

    public CoordinatorBuilder system(SystemManager v) {
        system = v;
        return this;
    }

    public CoordinatorBuilder sessionData(SessionData v) {
        data = v;
        return this;
    }

    public CoordinatorBuilder wallClock(WallClock v) {
        wall = v;
        return this;
    }

    /** The calendar with the configured session hours; live mode finds its sessions there. */
    public CoordinatorBuilder calendar(TradingCalendar v) {
        calendar = v;
        return this;
    }

    /** Backtest: the sessions to replay, in order. */
    public CoordinatorBuilder backtestSessions(List<TradingSession> v) {
        sessions = v;
        return this;
    }

    /** Who answers the coordinator's session and check requests. */
    public CoordinatorBuilder source(SessionSource v) {
        source = v;
        return this;
    }

    /** The signal producers wake the coordinator with; its runner idles on it. */
    public CoordinatorBuilder signal(WakeSignal v) {
        signal = v;
        return this;
    }

    public StreamCoordinator build() {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(data, "sessionData");
        Objects.requireNonNull(wall, "wallClock");
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(signal, "signal");
        if ((sessions != null) != (time.mode() == OperationMode.BACKTEST)) {
            throw new IllegalArgumentException("backtest sessions go with backtest time, and only with it");
        }
        return new StreamCoordinator(this);
    }
}
