package io.sessionflow.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.api.DataManager;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.SessionEnd;
import io.sessionflow.api.SessionEndReason;
import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.coordinator.EventBatch;
import io.sessionflow.coordinator.EventQueue;
import io.sessionflow.domain.Quote;
import io.sessionflow.domain.QuoteSeries;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.testing.SettableClock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Review C2: a live quote stamped at the close (feed time slightly ahead of the local clock) while the clock is
 * still inside the session waits; it neither ends nor restarts the session. The session starts once and ends once,
 * when the clock passes the close, and the tick is not part of it.
 */
class LiveTickAtCloseTest {

    private static final Symbol AAA = Symbol.of("AAA");
    private static final LocalDate MONDAY = LocalDate.of(2025, 11, 24);
    private static final TradingSession SESSION = Calendars.xnys().session(MONDAY).orElseThrow();

    private static EventBatch quoteAt(Instant t) {
        return EventBatch.quotes(QuoteSeries.of(List.of(new Quote(AAA, t, 10, 10.01, 100, 100))));
    }

    @Test
    void aTickAtTheCloseBeforeTheClockGetsThereStartsNoSecondSession() throws Exception {
        SettableClock clock = new SettableClock(SESSION.close().minusSeconds(30));
        AtomicInteger starts = new AtomicInteger();
        List<SessionEnd> ends = new CopyOnWriteArrayList<>();
        List<Instant> quotes = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch firstQuote = new CountDownLatch(1);
        CountDownLatch secondQuote = new CountDownLatch(2);
        CountDownLatch ended = new CountDownLatch(1);
        try (DataManager dm = DataManager.builder().live(clock).build()) {
            dm.register(AAA, StreamType.QUOTES).subscribe(new MarketDataListener() {
                @Override
                public void onSessionStart(TradingSession s) {
                    starts.incrementAndGet();
                    started.countDown();
                }

                @Override
                public void onQuote(Quote q) {
                    quotes.add(q.time());
                    firstQuote.countDown();
                    secondQuote.countDown();
                }

                @Override
                public void onSessionEnd(SessionEnd e) {
                    ends.add(e);
                    ended.countDown();
                }
            });
            EventQueue early = dm.publisher("early feed", 4);
            EventQueue other = dm.publisher("other feed", 4);
            dm.start();
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            early.put(quoteAt(SESSION.close()));
            // Each quote of the other feed is merged while the tick at the close heads the early feed: the
            // coordinator has looked at that head in those cycles, and the session is still the one it started.
            other.put(quoteAt(SESSION.close().minusSeconds(20)));
            assertThat(firstQuote.await(5, TimeUnit.SECONDS)).isTrue();
            other.put(quoteAt(SESSION.close().minusSeconds(10)));
            assertThat(secondQuote.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(starts.get()).as("session starts while the clock is inside the session").isEqualTo(1);
            assertThat(ends).as("no session end before the clock passes the close").isEmpty();
            assertThat(dm.currentSession()).contains(SESSION);

            other.advanceWatermark(SESSION.close());  // the other feed has passed the close too
            clock.set(SESSION.close().plusSeconds(1));
            assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
            dm.stop();
        }
        assertThat(starts.get()).as("session starts").isEqualTo(1);
        assertThat(ends).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(SessionEndReason.CLOCK);
            assertThat(e.time()).isEqualTo(SESSION.close());
        });
        assertThat(quotes).as("quotes delivered; the one at the close is not in the session")
                .containsExactly(SESSION.close().minusSeconds(20), SESSION.close().minusSeconds(10));
    }
}
