package io.sessionflow.upkeep;

import io.sessionflow.calendar.TradingSession;
import io.sessionflow.coordinator.CheckBatch;
import io.sessionflow.coordinator.EventBatch;
import io.sessionflow.coordinator.EventQueue;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Symbol;
import io.sessionflow.session.SessionData;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One session's data, ready for the coordinator: a delivery-ordered batch per kind of stream, the completeness
 * checks scheduled at their check times, the trailing history symbols lack, and figures for reports.
 *
 * <p>Immutable.
 */
public record SessionLoad(
        TradingSession session,
        EventBatch bars,
        EventBatch quotes,
        EventBatch trades,
        CheckBatch checks,
        Map<Symbol, Map<Interval, Map<LocalDate, BarSeries>>> history,
        int barsRead,
        int barsDropped,
        int storageReads) {

    public SessionLoad {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(bars, "bars");
        Objects.requireNonNull(quotes, "quotes");
        Objects.requireNonNull(trades, "trades");
        Objects.requireNonNull(checks, "checks");
        history = Map.copyOf(history);
    }

    /**
     * Puts every batch and a completion marker into the coordinator's queues, then clears {@code sessionEnded}
     * (which releases the coordinator).
     *
     * @throws IllegalStateException when a queue stays full for {@code timeout}: the coordinator is not consuming
     */
    public void handTo(Inputs inputs, SessionData data, long timeout, TimeUnit unit) throws InterruptedException {
        put(inputs.bars(), bars, timeout, unit);
        put(inputs.quotes(), quotes, timeout, unit);
        put(inputs.trades(), trades, timeout, unit);
        put(inputs.checks(), checks, timeout, unit);
        data.sessionLoaded(session, history);
    }

    private void put(EventQueue q, EventBatch batch, long timeout, TimeUnit unit) throws InterruptedException {
        if ((batch.size() > 0 && !q.offer(batch, timeout, unit)) || !q.complete(session.date(), timeout, unit)) {
            throw new IllegalStateException(q + " stayed full while loading session " + session.date());
        }
    }

    /** The coordinator inputs a loader fills, one per kind of batch (live mode only uses the check queue). */
    public record Inputs(EventQueue bars, EventQueue quotes, EventQueue trades, EventQueue checks) {
        public Inputs {
            Objects.requireNonNull(checks, "checks");
        }
    }
}
