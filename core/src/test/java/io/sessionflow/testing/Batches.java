package io.sessionflow.testing;

import io.sessionflow.coordinator.EventBatch;
import io.sessionflow.coordinator.EventQueue;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Quote;
import io.sessionflow.domain.QuoteBar;
import io.sessionflow.domain.QuoteBarSeries;
import io.sessionflow.domain.QuoteSeries;
import io.sessionflow.domain.Trade;
import io.sessionflow.domain.TradeSeries;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns domain events (1m {@link Bar}s, {@link Quote}s, {@link Trade}s), already in delivery order, into the
 * coordinator's {@link EventBatch}es and publishes them. Stateless.
 */
public final class Batches {

    private Batches() {
    }

    /**
     * Splits {@code events} into batches of at most {@code batchSize} events, each of one kind: a new batch starts
     * whenever the kind changes.
     */
    public static List<EventBatch> of(List<?> events, int batchSize) {
        List<EventBatch> out = new ArrayList<>();
        List<Object> run = new ArrayList<>();
        for (Object e : events) {
            if (!run.isEmpty() && (run.size() == batchSize || run.get(0).getClass() != e.getClass())) {
                out.add(batch(run));
                run.clear();
            }
            run.add(e);
        }
        if (!run.isEmpty()) {
            out.add(batch(run));
        }
        return out;
    }

    /** One batch of events of one kind. */
    public static EventBatch batch(List<?> events) {
        Object first = events.get(0);
        if (first instanceof Bar) {
            return EventBatch.bars(BarSeries.of(Interval.ONE_MINUTE, cast(events, Bar.class)));
        }
        if (first instanceof QuoteBar) {
            return EventBatch.quoteBars(QuoteBarSeries.of(Interval.ONE_MINUTE, cast(events, QuoteBar.class)));
        }
        if (first instanceof Quote) {
            return EventBatch.quotes(QuoteSeries.of(cast(events, Quote.class)));
        }
        return EventBatch.trades(TradeSeries.of(cast(events, Trade.class)));
    }

    /** Puts {@code events} into {@code q} in batches, then marks {@code complete} done when it is not null. */
    public static void publish(EventQueue q, List<?> events, int batchSize, LocalDate complete) {
        try {
            for (EventBatch b : of(events, batchSize)) {
                q.put(b);
            }
            if (complete != null) {
                q.complete(complete);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        }
    }

    private static <T> List<T> cast(List<?> events, Class<T> type) {
        return events.stream().map(type::cast).toList();
    }
}
