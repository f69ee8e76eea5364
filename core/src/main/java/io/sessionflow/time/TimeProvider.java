package io.sessionflow.time;

import io.sessionflow.domain.Micros;
import io.sessionflow.system.OperationMode;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The current time of a data manager. Live: read from an injected {@link Clock}. Backtest: simulated time that only
 * its owner (the coordinator thread) advances and that never moves backwards.
 *
 * <p>Threading: any thread may read; in backtest mode only the owning thread may call {@link #advanceTo}. The
 * simulated time is a volatile field, so readers see each advance promptly and never a torn value.
 */
public final class TimeProvider {

    private final OperationMode mode;
    private final Clock clock;
    private volatile long simulatedMicros;

    private TimeProvider(OperationMode mode, Clock clock, long simulatedMicros) {
        this.mode = mode;
        this.clock = clock;
        this.simulatedMicros = simulatedMicros;
    }

    /** Live time from {@code clock} (the system UTC clock in production, a settable clock in tests). */
    public static TimeProvider live(Clock clock) {
        return new TimeProvider(OperationMode.LIVE, Objects.requireNonNull(clock, "clock"), 0);
    }

    /** Simulated time starting at {@code start}. */
    public static TimeProvider backtest(Instant start) {
        return new TimeProvider(OperationMode.BACKTEST, null, Micros.of(Objects.requireNonNull(start, "start")));
    }

    /**
     * Live: {@code wallMicros} of wall time as microseconds of this provider's clock (scaled by a
     * {@link ReplayClock}'s speed), for graces that stand for feed latency. Backtest: unchanged.
     */
    public long marketMicros(long wallMicros) {
        return mode == OperationMode.LIVE ? (long) (wallMicros * ReplayClock.speedOf(clock)) : wallMicros;
    }

    public OperationMode mode() {
        return mode;
    }

    public Instant now() {
        return mode == OperationMode.LIVE ? clock.instant() : Micros.toInstant(simulatedMicros);
    }

    /** The current time in epoch microseconds, without allocating. */
    public long nowMicros() {
        return mode == OperationMode.LIVE ? Micros.of(clock.instant()) : simulatedMicros;
    }

    /**
     * Moves simulated time forward to {@code micros}; moving to the current time is a no-op.
     *
     * @throws IllegalStateException in live mode, or when {@code micros} is before the current simulated time
     */
    public void advanceTo(long micros) {
        if (mode != OperationMode.BACKTEST) {
            throw new IllegalStateException("live time follows its clock and cannot be advanced");
        }
        long current = simulatedMicros;
        if (micros < current) {
            throw new IllegalStateException("simulated time cannot move backwards from " + Micros.toInstant(current)
                    + " to " + Micros.toInstant(micros));
        }
        simulatedMicros = micros;
    }

    public void advanceTo(Instant t) {
        advanceTo(Micros.of(t));
    }

    @Override
    public String toString() {
        return mode + " time " + now();
    }
}
