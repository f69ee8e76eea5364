package io.sessionflow.app;

import io.sessionflow.api.MarketDataListener;
import io.sessionflow.domain.BarView;
import io.sessionflow.domain.Quote;
import io.sessionflow.domain.QuoteView;
import io.sessionflow.domain.Trade;
import io.sessionflow.domain.TradeView;
import io.sessionflow.feed.FeedMessage;
import io.sessionflow.feed.alpaca.AlpacaCodec;
import io.sessionflow.feed.alpaca.AlpacaTransport;
import io.sessionflow.feed.server.ReplayPlan;
import io.sessionflow.time.WallClock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Both ends of one connector bench run: as the transport's {@link AlpacaTransport.FrameProbe} it notes when the
 * frame of each trade and quote arrived (in a table indexed by {@link ConnectorBenchData#slot}), and as the data
 * manager's listener it records, for each trade and quote, the time from that arrival to the listener call in a
 * histogram, and counts every event delivered, bars included. Bars are counted but not timed: the feed holds a bar
 * until its minute has closed plus the grace, on purpose.
 *
 * <p>Two latencies are kept: {@link #latency()}, frame received to listener call, and {@link #beyondHold()}, the part
 * of it after the feed's deliberate hold (an event is released once the market clock minus the grace has passed its
 * time, i.e. at the plan's due time plus the grace in wall time); with a zero grace they are the same. Nothing is
 * allocated per event.
 *
 * <p>Threading: {@link #onFrame} on the WebSocket's thread (one call at a time); the listener methods on the
 * coordinator's thread; the figures are read by the bench thread after {@link #await} returned true, which orders
 * them after the last delivery.
 */
final class ConnectorProbe implements AlpacaTransport.FrameProbe, MarketDataListener {

    /** The longest latency the histograms tell apart; longer ones count as this. */
    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);
    /**
     * Latencies are told apart to a microsecond, and to 4 significant digits (0.2 ms at 2 s, where the feed's grace
     * puts the whole latency).
     */
    private static final long LOWEST_NANOS = 1_000;
    private static final int DIGITS = 4;

    private final ConnectorBenchData data;
    private final ReplayPlan plan;
    private final long graceNanos;
    private final WallClock wall;
    private final long expected;
    private final long[] receivedAt;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Histogram latency = new Histogram(LOWEST_NANOS, HIGHEST_NANOS, DIGITS);
    private final Histogram beyondHold = new Histogram(LOWEST_NANOS, HIGHEST_NANOS, DIGITS);

    // Written on the WebSocket's thread only; volatile so that a failed run can report how far it got.
    private volatile long firstDataFrameNanos;
    private volatile long dataFrames;
    private volatile long points;

    // Written on the coordinator's thread only.
    private long delivered;
    private long unmatched;
    private long lastDeliveryNanos;
    private volatile long deliveredSoFar;

    /**
     * @param expected   events (trades, quotes, bars) the run sends: the listener opens {@link #await} at the last
     * @param graceNanos the feed's grace in wall time
     */
    ConnectorProbe(ConnectorBenchData data, ReplayPlan plan, long graceNanos, WallClock wall, long expected) {
        this.data = data;
        this.plan = plan;
        this.graceNanos = graceNanos;
        this.wall = wall;
        this.expected = expected;
        this.receivedAt = new long[data.slots()];
    }

    // --- the transport's thread ---

    @Override
    public void onFrame(long receivedNanos, AlpacaCodec.Decoded frame) {
        long n = 0;
        for (FeedMessage m : frame.messages()) {
            if (m instanceof FeedMessage.Trades t) {
                for (Trade trade : t.trades()) {
                    note(data.slot(trade), receivedNanos);
                }
                n += t.trades().size();
            } else if (m instanceof FeedMessage.Quotes q) {
                for (Quote quote : q.quotes()) {
                    note(data.slot(quote), receivedNanos);
                }
                n += q.quotes().size();
            } else if (m instanceof FeedMessage.Bars b) {
                n += b.bars().size();
            }
        }
        if (n > 0) {
            if (dataFrames == 0) {
                firstDataFrameNanos = receivedNanos;
            }
            dataFrames++;  // one writer
            points += n;
        }
    }

    private void note(int slot, long receivedNanos) {
        if (slot >= 0) {
            receivedAt[slot] = receivedNanos;
        }
    }

    // --- the coordinator's thread ---

    @Override
    public void onTradeView(TradeView trade) {
        record(data.slot(trade), trade.timeMicros());
    }

    @Override
    public void onQuoteView(QuoteView quote) {
        record(data.slot(quote), quote.timeMicros());
    }

    @Override
    public void onBarView(BarView bar) {
        delivered(wall.nanoTime());
    }

    private void record(int slot, long timeMicros) {
        long now = wall.nanoTime();
        if (slot < 0 || receivedAt[slot] == 0) {
            unmatched++;  // not an event of this run's data, or its frame was not seen: counted, not timed
        } else {
            long received = receivedAt[slot];
            latency.recordValue(Math.min(HIGHEST_NANOS, Math.max(0, now - received)));
            long released = Math.max(received, plan.dueNanos(timeMicros) + graceNanos);
            beyondHold.recordValue(Math.min(HIGHEST_NANOS, Math.max(0, now - released)));
        }
        delivered(now);
    }

    private void delivered(long now) {
        delivered++;
        lastDeliveryNanos = now;
        if ((delivered & 1023) == 0 || delivered == expected) {
            deliveredSoFar = delivered;
        }
        if (delivered == expected) {
            done.countDown();
        }
    }

    // --- the bench thread ---

    /** Waits until every expected event was delivered, at most {@code nanos}; false when the time ran out. */
    boolean await(long nanos) throws InterruptedException {
        return done.await(nanos, TimeUnit.NANOSECONDS);
    }

    /** Events delivered so far (to the last thousand while the run goes on). */
    long deliveredSoFar() {
        return deliveredSoFar;
    }

    long delivered() {
        return delivered;
    }

    /** Trades and quotes delivered that were not timed (their arrival was not noted); 0 in a sound run. */
    long unmatched() {
        return unmatched;
    }

    long firstDataFrameNanos() {
        return firstDataFrameNanos;
    }

    long lastDeliveryNanos() {
        return lastDeliveryNanos;
    }

    long dataFrames() {
        return dataFrames;
    }

    long points() {
        return points;
    }

    ConnectorBench.Latency latency() {
        return ConnectorBench.Latency.of(latency);
    }

    ConnectorBench.Latency beyondHold() {
        return ConnectorBench.Latency.of(beyondHold);
    }
}
