package io.sessionflow.upkeep;

import io.sessionflow.coordinator.CheckAnswer;
import io.sessionflow.coordinator.CheckRequest;
import io.sessionflow.coordinator.SessionRequest;
import io.sessionflow.coordinator.SessionSplit;
import io.sessionflow.coordinator.SourceAnswer;
import io.sessionflow.coordinator.SplitFailure;
import io.sessionflow.storage.StorageException;
import io.sessionflow.time.WallClock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the coordinator's requests into answers: a session's split from storage (backtest: the session's data;
 * live: the history its symbols lack), or a live completeness check. Storage failures are retried with backoff and
 * reported; whatever else goes wrong becomes a failure answer, so the coordinator always hears why, never a timeout.
 *
 * <p>Threading: the upkeep thread, the coordinator's (an inline source, or a backtest split the upkeep thread had
 * not taken), or both at once on different requests: the loader is stateless and the reports are thread-safe.
 */
final class SplitMaker {

    private static final Logger LOG = LoggerFactory.getLogger(SplitMaker.class);

    private final SessionLoader loader;
    /** Live only (null in backtests). */
    private final LiveCompletenessCheck liveCheck;
    private final WallClock wall;
    private final RetryPolicy retry;
    private final List<String> storageIssues = new CopyOnWriteArrayList<>();
    private final AtomicInteger retries = new AtomicInteger();
    private volatile Throwable failure;
    private volatile boolean stopping;

    SplitMaker(SessionLoader loader, LiveCompletenessCheck liveCheck, WallClock wall, RetryPolicy retry) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.liveCheck = liveCheck;
        this.wall = Objects.requireNonNull(wall, "wall");
        this.retry = Objects.requireNonNull(retry, "retry");
    }

    boolean live() {
        return liveCheck != null;
    }

    /** The answer to {@code request}, a {@link SessionRequest} or a {@link CheckRequest}. */
    SourceAnswer answer(Object request) throws InterruptedException {
        if (request instanceof CheckRequest c) {
            try {
                return new CheckAnswer(c, withRetry("checking the completeness of session " + c.session().date(),
                        () -> liveCheck.check(c)), null);
            } catch (InterruptedException e) {
                throw e;
            } catch (Throwable t) {
                return new CheckAnswer(c, null, t);
            }
        }
        SessionRequest r = (SessionRequest) request;
        try {
            if (live()) {
                return withRetry("loading the history before session " + r.session().date(),
                        () -> loader.loadHistory(r));
            }
            return withRetry("loading session " + r.session().date(), () -> loader.load(r));
        } catch (InterruptedException e) {
            throw e;
        } catch (StorageException e) {
            if (live()) {
                LOG.warn("session {} starts without the history storage could not give: {}", r.session().date(),
                        e.getMessage());
                return SessionSplit.empty(r);
            }
            failure = e;
            LOG.error("upkeep gave up session {}: {}", r.session().date(), e.getMessage());
            return new SplitFailure(r, e);
        } catch (Throwable t) {
            failure = t;  // a bug or an Error: reported with the cause, never a silent death
            LOG.error("upkeep failed on session {}: {}", r.session().date(), t.toString());
            return new SplitFailure(r, t);
        }
    }

    /** Runs a storage operation, retrying failures with backoff; gives up after the policy's attempts. */
    private <T> T withRetry(String what, Supplier<T> operation) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return operation.get();
            } catch (StorageException e) {
                if (stopping || Thread.currentThread().isInterrupted()) {
                    // A read cut short by a stop: not a storage issue, and never retried (drivers often turn the
                    // interrupt into an I/O error).
                    throw new InterruptedException("stopped while " + what);
                }
                String issue = what + ", attempt " + attempt + ": " + e.getMessage();
                storageIssues.add(issue);
                if (attempt >= retry.attempts()) {
                    throw new StorageException("giving up " + what + " after " + attempt + " attempts: "
                            + e.getMessage(), e);
                }
                retries.incrementAndGet();
                long backoff = retry.backoffNanos(attempt);
                LOG.warn("storage failed {}; retrying in {} ms", issue, TimeUnit.NANOSECONDS.toMillis(backoff));
                wall.sleepNanos(backoff);
            }
        }
    }

    /** The run is being stopped: a storage failure from now on is the stop's doing, never retried. */
    void stop() {
        stopping = true;
    }

    int storageRetries() {
        return retries.get();
    }

    List<String> storageIssues() {
        return List.copyOf(storageIssues);
    }

    Throwable failure() {
        return failure;
    }
}
