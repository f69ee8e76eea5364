package io.sessionflow.store.recording;

import io.sessionflow.agent.Agent;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Quote;
import io.sessionflow.domain.QuoteSeries;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.Trade;
import io.sessionflow.domain.TradeSeries;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.time.WallClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer side of a {@link StoreRecorder}: drains the hand-off into at most one batch per kind (bars, quotes,
 * trades) and upserts a batch when it is full, when the flush interval has passed since its first event, or when
 * the recorder is closing. A failed upsert keeps its batch and is retried after a doubling backoff; while it waits
 * the batch does not grow past its size, so the hand-off fills and the coordinator feels the back-pressure.
 *
 * <p>Ticks of one symbol sharing a timestamp are keyed by their order within the written series, so a batch of
 * ticks is cut only before the newest timestamp: the ticks at it wait for the next batch (or the close), and no
 * batch overwrites a tick of an earlier one.
 *
 * <p>Threading: {@link #doWork()} and {@link #onClose()} run on the runner's thread (or a test's); the figures are
 * read from any thread.
 */
final class RecordingWriter implements Agent {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingWriter.class);

    private record BarKey(Symbol symbol, Instant start) {
    }

    private final MarketDataStore store;
    private final RecorderSettings settings;
    private final WallClock wall;
    private final BlockingQueue<Object> handOff;
    private final Map<BarKey, Bar> bars = new LinkedHashMap<>();
    private final List<Quote> quotes = new ArrayList<>();
    private final List<Trade> trades = new ArrayList<>();

    final AtomicLong barsWritten = new AtomicLong();
    final AtomicLong quotesWritten = new AtomicLong();
    final AtomicLong tradesWritten = new AtomicLong();
    final AtomicLong batches = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    /** Events in the batches being built; written on this thread, read by figures. */
    private final AtomicLong batched = new AtomicLong();

    private volatile boolean closing;
    private volatile boolean done;
    private volatile RuntimeException lastFailure;
    private long firstEventAt;
    private long retryAt = Long.MIN_VALUE;
    private int failedAttempts;
    private int attemptsWhileClosing;

    RecordingWriter(MarketDataStore store, RecorderSettings settings, WallClock wall, BlockingQueue<Object> handOff) {
        this.store = store;
        this.settings = settings;
        this.wall = wall;
        this.handOff = handOff;
    }

    @Override
    public String roleName() {
        return "recorder";
    }

    /** Asks the writer to write everything handed over and then finish. Any thread. */
    void requestClose() {
        closing = true;
    }

    @Override
    public boolean isDone() {
        return done;
    }

    /** Events in the batches not yet written (the hand-off not counted). */
    long batched() {
        return batched.get();
    }

    RuntimeException lastFailure() {
        return lastFailure;
    }

    @Override
    public long wakeAtNanos() {
        long wake = Long.MAX_VALUE;
        if (batched.get() > 0 && retryAt == Long.MIN_VALUE) {
            wake = firstEventAt + settings.flushInterval().toNanos();
        }
        return retryAt != Long.MIN_VALUE ? retryAt : wake;
    }

    @Override
    public int doWork() {
        int work = drain();
        long now = wall.nanoTime();
        if (retryAt != Long.MIN_VALUE && now - retryAt < 0) {
            return work;
        }
        boolean closingNow = closing && handOff.isEmpty();
        if (batched.get() == 0) {
            done = done || closingNow;
            return work;
        }
        boolean due = closing || full() || now - firstEventAt >= settings.flushInterval().toNanos();
        if (!due) {
            return work;
        }
        try {
            writeBatches(closingNow);
            failedAttempts = 0;
            attemptsWhileClosing = 0;
            retryAt = Long.MIN_VALUE;
            firstEventAt = now;
        } catch (RuntimeException e) {
            failed(e, now);
        }
        if (closingNow && batched.get() == 0 && handOff.isEmpty()) {
            done = true;  // never reset: giving up on closing (in failed) is also done
        }
        return work + 1;
    }

    private boolean full() {
        return bars.size() >= settings.batchBars() || quotes.size() >= settings.batchTicks()
                || trades.size() >= settings.batchTicks();
    }

    /** Moves events from the hand-off into the batches until one is full. */
    private int drain() {
        int n = 0;
        while (!full()) {
            Object e = handOff.poll();
            if (e == null) {
                break;
            }
            if (batched.get() == 0) {
                firstEventAt = wall.nanoTime();
            }
            if (e instanceof Bar b) {
                // A bar sent again (an updated bar) replaces the earlier one: keys are unique within a batch.
                if (bars.put(new BarKey(b.symbol(), b.start()), b.withFlags(0)) == null) {
                    batched.incrementAndGet();
                }
            } else if (e instanceof Quote q) {
                quotes.add(q);
                batched.incrementAndGet();
            } else if (e instanceof Trade t) {
                trades.add(t);
                batched.incrementAndGet();
            }
            n++;
        }
        return n;
    }

    /** Each kind in its own all-or-nothing upsert; a kind is cleared only once the store took it. */
    private void writeBatches(boolean everything) {
        if (!bars.isEmpty()) {
            int n = bars.size();
            store.upsertBars(BarSeries.of(Interval.ONE_MINUTE, bars.values()));
            bars.clear();
            written(barsWritten, n);
        }
        if (!quotes.isEmpty()) {
            int cut = everything ? quotes.size() : cutBeforeNewest(quotes, Quote::time, settings.batchTicks());
            if (cut > 0) {
                store.upsertQuotes(QuoteSeries.of(quotes.subList(0, cut)));
                quotes.subList(0, cut).clear();
                written(quotesWritten, cut);
            }
        }
        if (!trades.isEmpty()) {
            int cut = everything ? trades.size() : cutBeforeNewest(trades, Trade::time, settings.batchTicks());
            if (cut > 0) {
                store.upsertTrades(TradeSeries.of(trades.subList(0, cut)));
                trades.subList(0, cut).clear();
                written(tradesWritten, cut);
            }
        }
    }

    private void written(AtomicLong counter, int n) {
        counter.addAndGet(n);
        batched.addAndGet(-n);
        batches.incrementAndGet();
    }

    /**
     * How many leading ticks are older than the newest one: those may be written now. A full batch of ticks that all
     * share one timestamp is written whole rather than stalling the writer.
     */
    private static <T> int cutBeforeNewest(List<T> ticks, Function<T, Instant> time, int batchSize) {
        Instant newest = time.apply(ticks.get(ticks.size() - 1));
        int cut = ticks.size();
        while (cut > 0 && !time.apply(ticks.get(cut - 1)).isBefore(newest)) {
            cut--;
        }
        return cut == 0 && ticks.size() >= batchSize ? ticks.size() : cut;
    }

    private void failed(RuntimeException e, long now) {
        lastFailure = e;
        failures.incrementAndGet();
        failedAttempts++;
        if (closing && ++attemptsWhileClosing >= settings.closeAttempts()) {
            LOG.error("recording into {} gave up on closing after {} attempts; {} events not written: {}",
                    store.description(), attemptsWhileClosing, batched.get() + handOff.size(), e.toString());
            done = true;
            retryAt = Long.MIN_VALUE;
            return;
        }
        long backoff = settings.retryBackoff().toNanos();
        for (int i = 1; i < failedAttempts && backoff < settings.maxBackoff().toNanos(); i++) {
            backoff *= 2;
        }
        backoff = Math.min(backoff, settings.maxBackoff().toNanos());
        retryAt = now + backoff;
        LOG.warn("recording into {} failed (attempt {}), {} events kept, retrying in {} ms: {}",
                store.description(), failedAttempts, batched.get(), backoff / 1_000_000, e.toString());
    }

    @Override
    public void onClose() {
        done = true;
    }
}
