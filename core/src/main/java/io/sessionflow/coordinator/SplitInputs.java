package io.sessionflow.coordinator;

import java.time.LocalDate;
import java.util.concurrent.TimeUnit;

/**
 * The coordinator's own inputs that a session's split feeds: stored bars, quote bars, quotes and trades, and
 * completeness
 * checks (live: the answers of the live checks too). They are the first inputs of the merge, so that at equal times
 * their events go before a publisher's.
 *
 * <p>Threading: the coordinator's duty-cycle thread only.
 */
final class SplitInputs {

    /** The checks' position among the split's inputs, which are the merge's first inputs. */
    static final int CHECKS = 4;

    private final EventQueue[] queues;

    SplitInputs(EventQueue bars, EventQueue quoteBars, EventQueue quotes, EventQueue trades, EventQueue checks) {
        this.queues = new EventQueue[]{bars, quoteBars, quotes, trades, checks};
    }

    EventQueue checks() {
        return queues[CHECKS];
    }

    /**
     * Puts the split's batches into the inputs: in a backtest each input is then complete for the session (its
     * watermark passes the close); live, they are idle and never hold back the feeds.
     */
    void offer(SessionSplit s, boolean backtest) {
        EventBatch[] batches = {s.bars(), s.quoteBars(), s.quotes(), s.trades(), s.checks()};
        LocalDate date = s.request().session().date();
        for (int k = 0; k < queues.length; k++) {
            try {
                if ((batches[k].size() > 0 && !queues[k].offer(batches[k], 0, TimeUnit.NANOSECONDS))
                        || (backtest && !queues[k].complete(date, 0, TimeUnit.NANOSECONDS))) {
                    throw new IllegalStateException(queues[k] + " is full: a split was offered twice");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();  // offers with no wait are never interrupted
            }
            if (!backtest) {
                queues[k].markIdle();
            }
        }
    }
}
