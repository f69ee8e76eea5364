package io.sessionflow.api;

import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Symbol;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The merged bars of some symbols in one interval, in delivery order, as an iterator (the analysis's backward
 * compatible {@code stream_bars}). It ends when the run ends. A bounded buffer sits between the coordinator and the
 * reader: a slow reader slows the coordinator instead of growing memory.
 *
 * <p>Threading: the coordinator thread fills it; one reader thread iterates it.
 */
public final class BarStream implements Iterator<Bar>, AutoCloseable {

    private static final Object END = new Object();

    private final BlockingQueue<Object> buffer;
    private final Set<Symbol> symbols;
    private final Interval interval;
    private final java.util.function.Consumer<MarketDataListener> onClose;
    private final BooleanSupplier runEnded;
    private final BooleanSupplier stopping;
    private Object next;
    private volatile boolean closed;
    /** The listener the coordinator feeds; unsubscribed on close. */
    final MarketDataListener listenerRef = listener();

    /**
     * @param runEnded whether the run has ended (a stream opened after the end is empty, and never waits)
     * @param stopping whether the run is being stopped (the coordinator then stops waiting for a slow reader)
     */
    BarStream(Set<Symbol> symbols, Interval interval, int capacity,
              java.util.function.Consumer<MarketDataListener> onClose, BooleanSupplier runEnded,
              BooleanSupplier stopping) {
        this.symbols = Set.copyOf(symbols);
        this.interval = interval;
        this.buffer = new ArrayBlockingQueue<>(capacity);
        this.onClose = onClose;
        this.runEnded = runEnded;
        this.stopping = stopping;
    }

    private MarketDataListener listener() {
        return new MarketDataListener() {
            @Override
            public void onBar(Bar bar) {
                if (interval.isOneMinute()) {
                    offer(bar);
                }
            }

            @Override
            public void onDerivedBar(Bar bar) {
                if (bar.interval().equals(interval)) {
                    offer(bar);
                }
            }

            @Override
            public void onRunEnd() {
                // The run is over: the end marker waits for room like a bar, so that a slow reader loses nothing.
                // Only when the reader has closed the stream, or the run is being stopped, is room made for it.
                try {
                    while (!closed && !stopping.getAsBoolean() && !buffer.offer(END, 100, TimeUnit.MILLISECONDS)) {
                        // back-pressure: wait for the reader, noticing close() and stop
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                while (!buffer.contains(END) && !buffer.offer(END)) {
                    buffer.poll();
                }
            }

            private void offer(Bar bar) {
                if (closed || !symbols.contains(bar.symbol())) {
                    return;
                }
                try {
                    while (!closed && !buffer.offer(bar, 100, TimeUnit.MILLISECONDS)) {
                        if (stopping.getAsBoolean()) {
                            return;  // the run is being stopped: the reader gets the end, not every bar
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();  // stopping: the coordinator ends the run as stopped
                }
            }
        };
    }

    /** Waits for the next bar while the run goes on; false at the run's end (at once for a run already over). */
    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                while (next == null) {
                    next = buffer.poll(100, TimeUnit.MILLISECONDS);
                    if (next == null && runEnded.getAsBoolean() && buffer.isEmpty()) {
                        next = END;  // the run ended without this stream's end marker (opened too late)
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (next == END) {
                buffer.offer(END);  // stay at the end for later calls
            }
        }
        return next != END;
    }

    @Override
    public Bar next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the run has ended");
        }
        Bar b = (Bar) next;
        next = null;
        return b;
    }

    /** Stops feeding this stream; the run itself goes on. */
    @Override
    public void close() {
        closed = true;
        onClose.accept(listenerRef);
    }
}
