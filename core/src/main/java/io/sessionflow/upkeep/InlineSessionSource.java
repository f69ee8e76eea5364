package io.sessionflow.upkeep;

import io.sessionflow.coordinator.SessionRequest;
import io.sessionflow.coordinator.SessionSource;
import io.sessionflow.coordinator.SourceAnswer;
import io.sessionflow.time.WallClock;
import java.util.List;

/**
 * The session source run inline on the coordinator's thread, for backtests without the upkeep thread: no prefetch,
 * no completeness checks. A request is only noted; the split is read when the coordinator polls for it, so a
 * prefetch request that a later one replaces is never read. It is the baseline the upkeep thread is measured against.
 *
 * <p>Threading: the coordinator thread only; the reports are readable from any thread.
 */
public final class InlineSessionSource implements SessionSource {

    private final SplitMaker maker;
    private SessionRequest pending;

    public InlineSessionSource(SessionLoader loader, WallClock wall, RetryPolicy retry) {
        this.maker = new SplitMaker(loader, null, wall, retry);
    }

    @Override
    public void request(SessionRequest request) {
        pending = request;
    }

    @Override
    public SourceAnswer poll() {
        SessionRequest r = pending;
        if (r == null) {
            return null;
        }
        pending = null;
        try {
            return maker.answer(r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading session " + r.session().date(), e);
        }
    }

    public int storageRetries() {
        return maker.storageRetries();
    }

    public List<String> storageIssues() {
        return maker.storageIssues();
    }
}
