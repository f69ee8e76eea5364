package io.sessionflow.store.recording;

import io.sessionflow.agent.AgentRunner;
import io.sessionflow.agent.WakeSignal;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Quote;
import io.sessionflow.domain.Trade;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.time.WallClock;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records live data into a store: subscribe it to a live {@link io.sessionflow.api.DataManager} and every 1m bar
 * its streams deliver (streamed, or {@link Bar#isFilled() filled} by gap repair) is upserted into the store, and
 * with {@link RecorderSettings#quotes()}/{@link RecorderSettings#trades()} its quotes and trades. Synthetic
 * fill-forward bars are not recorded (they stand for minutes nobody traded in, and would hide the gap from
 * tomorrow's repair); derived bars are not recorded (they are computed from the 1m bars).
 *
 * <p>The listener methods only put the event into a bounded hand-off; a writer thread ({@link RecordingWriter} run
 * by an {@link AgentRunner}) upserts batches of {@link RecorderSettings#batchBars()} bars, or what it has once
 * {@link RecorderSettings#flushInterval()} has passed on the injected wall clock, each in one all-or-nothing
 * transaction. A crash therefore loses at most the events not yet written, and never leaves half a batch. A failed
 * write keeps its batch and is retried with a doubling backoff.
 *
 * <p>Back-pressure: when the hand-off is full (the store is slow or down), the coordinator thread waits up to
 * {@link RecorderSettings#offerTimeout()} for room, then drops the event, counts it ({@link RecorderFigures#dropped()})
 * and logs it. The recorder chooses to drop rather than to stall or end the live run: the strategy's data matters
 * more than its copy, and the loss is never silent: {@link #close()} reports it.
 *
 * <p>{@link #close()} (also called by {@link #onRunEnd()}) writes everything handed over, waits for the writer
 * within {@link RecorderSettings#closeTimeout()}, and throws a {@link RecordingException} when anything was lost.
 *
 * <p>Threading: the listener methods are called by one thread at a time (the coordinator's); {@link #close()},
 * {@link #figures()} and {@link #start()} from any thread.
 */
public final class StoreRecorder implements MarketDataListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreRecorder.class);

    private final MarketDataStore store;
    private final RecorderSettings settings;
    private final WallClock wall;
    private final BlockingQueue<Object> handOff;
    private final RecordingWriter writer;
    private final WakeSignal wake;
    private final AgentRunner runner;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private volatile Throwable writerFailure;
    private volatile boolean closed;
    private boolean started;

    /**
     * A recorder not yet started; {@link #start()} starts its writer thread. One never started writes what it was
     * given when it is closed, on the closing thread.
     */
    public StoreRecorder(MarketDataStore store, RecorderSettings settings, WallClock wall) {
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.wall = Objects.requireNonNull(wall, "wall");
        this.handOff = new ArrayBlockingQueue<>(settings.capacity());
        this.writer = new RecordingWriter(store, settings, wall, handOff);
        this.wake = new WakeSignal(wall);
        this.runner = new AgentRunner(new FinishingAgent(writer, finished), wake, this::writerFailed,
                settings.closeTimeout().toMillis());
    }

    /** Creates and starts a recorder. */
    public static StoreRecorder start(MarketDataStore store, RecorderSettings settings, WallClock wall) {
        StoreRecorder r = new StoreRecorder(store, settings, wall);
        r.start();
        return r;
    }

    /** Starts the writer thread. */
    public synchronized StoreRecorder start() {
        if (closed) {
            throw new IllegalStateException("the recorder into " + store.description() + " is closed");
        }
        started = true;
        runner.start();
        return this;
    }

    /** The writer, for tests that drive it without a thread. */
    RecordingWriter writer() {
        return writer;
    }

    private void writerFailed(Throwable t) {
        writerFailure = t;
        LOG.error("the recording writer into {} failed: {}", store.description(), t.toString(), t);
    }

    @Override
    public void onBar(Bar bar) {
        if (bar.isSynthetic() || !bar.interval().equals(Interval.ONE_MINUTE)) {
            skipped.incrementAndGet();
            return;
        }
        handOver(bar);
    }

    @Override
    public void onQuote(Quote quote) {
        if (settings.quotes()) {
            handOver(quote);
        }
    }

    @Override
    public void onTrade(Trade trade) {
        if (settings.trades()) {
            handOver(trade);
        }
    }

    @Override
    public void onRunEnd() {
        close();
    }

    private void handOver(Object event) {
        if (closed) {
            throw new IllegalStateException("the recorder into " + store.description() + " is closed; not recording "
                    + event);
        }
        boolean taken = handOff.offer(event);
        if (!taken) {
            wake.wake();
            try {
                taken = handOff.offer(event, settings.offerTimeout().toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!taken) {
            long n = dropped.incrementAndGet();
            // Every drop counts; the log says so for the first and then every 1,000th, not flooding a slow store's log.
            if (n == 1 || n % 1_000 == 0) {
                LOG.warn("recording into {}: the hand-off of {} stayed full for {} ms; {} events dropped so far, "
                        + "this one {}", store.description(), settings.capacity(),
                        settings.offerTimeout().toMillis(), n, event);
            }
            return;
        }
        wake.wake();
    }

    /** What has been recorded, dropped and kept so far. */
    public RecorderFigures figures() {
        return new RecorderFigures(writer.barsWritten.get(), writer.quotesWritten.get(), writer.tradesWritten.get(),
                writer.batches.get(), writer.failures.get(), dropped.get(), skipped.get(),
                writer.batched() + handOff.size());
    }

    /**
     * Writes everything handed over and stops the writer, within {@link RecorderSettings#closeTimeout()} (at most
     * twice that when the writer is stuck in the store). Idempotent.
     *
     * @throws RecordingException when events were dropped, could not be written, or the writer failed
     */
    @Override
    public void close() {
        boolean wasStarted;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            wasStarted = started;
        }
        writer.requestClose();
        wake.wake();
        boolean interrupted = false;
        boolean late = false;
        if (wasStarted) {
            try {
                late = !finished.await(settings.closeTimeout().toNanos(), TimeUnit.NANOSECONDS);
                if (late) {
                    LOG.error("the recording writer into {} did not finish within {}", store.description(),
                            settings.closeTimeout());
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
            runner.closeAndJoin();
        } else {
            interrupted = writeInline();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        RecorderFigures f = figures();
        Throwable failure = writerFailure;
        if (!f.complete() || failure != null) {
            throw new RecordingException("recording into " + store.description() + " lost data: " + f.dropped()
                    + " events dropped at a full hand-off, " + f.pending() + " not written"
                    + (late ? ", the writer did not finish within " + settings.closeTimeout() : "")
                    + (failure != null ? ", the writer failed: " + failure : ""), f,
                    failure != null ? failure : writer.lastFailure());
        }
    }

    /**
     * Drives a writer that never got a thread on the closing thread, so that close writes everything whether or not
     * the recorder was started (tests drive the writer by hand and close it this way).
     *
     * @return whether the thread was interrupted while waiting for a retry (the writer then stops)
     */
    private boolean writeInline() {
        try {
            while (!writer.isDone()) {
                if (writer.doWork() == 0 && !writer.isDone()) {
                    long wakeAt = writer.wakeAtNanos();
                    long wait = wakeAt == Long.MAX_VALUE ? 0 : wakeAt - wall.nanoTime();
                    if (wait > 0) {
                        wall.sleepNanos(wait);
                    }
                }
            }
            return false;
        } catch (InterruptedException e) {
            return true;
        } finally {
            writer.onClose();
        }
    }

    /** Counts the writer's finish down once its runner has closed it, so that close can wait for the flush. */
    private record FinishingAgent(RecordingWriter writer, CountDownLatch finished) implements io.sessionflow.agent.Agent {

        @Override
        public int doWork() {
            return writer.doWork();
        }

        @Override
        public boolean isDone() {
            return writer.isDone();
        }

        @Override
        public long wakeAtNanos() {
            return writer.wakeAtNanos();
        }

        @Override
        public void onClose() {
            try {
                writer.onClose();
            } finally {
                finished.countDown();
            }
        }

        @Override
        public String roleName() {
            return writer.roleName();
        }
    }
}
