package io.sessionflow.feed;

import io.sessionflow.coordinator.EventBatch;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Quote;
import io.sessionflow.domain.QuoteSeries;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.Trade;
import io.sessionflow.domain.TradeSeries;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Holds received events until the watermark passes them, then releases them as batches in delivery order (time,
 * stream type, symbol). A feed sends the symbols of one instant in any order and over several frames, while a put
 * batch promises its whole last instant: holding events until {@code clock - grace} keeps that promise. An event at
 * or behind what was already promised is late: it is released at the next cut, ahead of the rest, and counted.
 *
 * <p>Threading: the feed's thread only.
 */
final class EventBuffer {

    /** {@code seq}: arrival order, which keeps events with the same time, type and symbol in the order received. */
    private record Pending(long time, StreamType type, Symbol symbol, long seq, Object event) {
    }

    private static final Comparator<Pending> DELIVERY = Comparator.comparingLong(Pending::time)
            .thenComparing(Pending::type).thenComparing(Pending::symbol).thenComparingLong(Pending::seq);

    /** Ordered for delivery, so that a release takes from the front and a poll with nothing due costs nothing. */
    private final PriorityQueue<Pending> pending = new PriorityQueue<>(DELIVERY);
    private long seq;
    /** Everything at or before this was promised (put, or passed by the watermark); micros. */
    private long promised = Long.MIN_VALUE;
    private long late;

    /** Adds one message's events; returns the latest availability time among them, or Long.MIN_VALUE. */
    long add(FeedMessage m) {
        long latest = Long.MIN_VALUE;
        if (m instanceof FeedMessage.Bars b) {
            for (Bar bar : b.bars()) {
                latest = Math.max(latest, keep(Micros.of(bar.start()) + Micros.PER_MINUTE, StreamType.BARS,
                        bar.symbol(), bar));
            }
        } else if (m instanceof FeedMessage.Quotes q) {
            for (Quote quote : q.quotes()) {
                latest = Math.max(latest, keep(Micros.of(quote.time()), StreamType.QUOTES, quote.symbol(), quote));
            }
        } else if (m instanceof FeedMessage.Trades t) {
            for (Trade trade : t.trades()) {
                latest = Math.max(latest, keep(Micros.of(trade.time()), StreamType.TRADES, trade.symbol(), trade));
            }
        }
        return latest;
    }

    private long keep(long time, StreamType type, Symbol symbol, Object event) {
        if (time <= promised) {
            late++;
        }
        pending.add(new Pending(time, type, symbol, seq++, event));
        return time;
    }

    /**
     * Releases, in delivery order, the late events and every event at or before {@code cutMicros}, and promises
     * everything up to the cut.
     *
     * @param out receives the batches in order
     */
    void release(long cutMicros, Consumer<EventBatch> out) {
        long bound = Math.max(cutMicros, promised);
        if (!pending.isEmpty() && pending.peek().time() <= bound) {
            List<Pending> ready = new ArrayList<>();
            while (!pending.isEmpty() && pending.peek().time() <= bound) {
                ready.add(pending.poll());  // late events first: they are the earliest
            }
            emit(ready, out);
        }
        promised = Math.max(bound, promised);
    }

    /** Releases everything held (the connection ended: nothing more will complete these instants). */
    void releaseAll(Consumer<EventBatch> out) {
        List<Pending> all = new ArrayList<>(pending.size());
        while (!pending.isEmpty()) {
            all.add(pending.poll());
        }
        emit(all, out);
    }

    private void emit(List<Pending> events, Consumer<EventBatch> out) {
        if (events.isEmpty()) {
            return;
        }
        int from = 0;  // the events come in delivery order
        for (int i = 1; i <= events.size(); i++) {
            if (i == events.size() || events.get(i).type() != events.get(from).type()) {
                out.accept(batch(events.subList(from, i)));
                from = i;
            }
        }
        promised = Math.max(promised, events.get(events.size() - 1).time());
    }

    private static EventBatch batch(List<Pending> run) {
        switch (run.get(0).type()) {
            case BARS -> {
                BarSeries.Builder b = BarSeries.builder(Interval.ONE_MINUTE, run.size());
                run.forEach(p -> b.add((Bar) p.event()));
                return EventBatch.bars(b.build());
            }
            case QUOTES -> {
                QuoteSeries.Builder b = QuoteSeries.builder(run.size());
                run.forEach(p -> b.add((Quote) p.event()));
                return EventBatch.quotes(b.build());
            }
            default -> {
                TradeSeries.Builder b = TradeSeries.builder(run.size());
                run.forEach(p -> b.add((Trade) p.event()));
                return EventBatch.trades(b.build());
            }
        }
    }

    int size() {
        return pending.size();
    }

    long lateEvents() {
        return late;
    }
}
