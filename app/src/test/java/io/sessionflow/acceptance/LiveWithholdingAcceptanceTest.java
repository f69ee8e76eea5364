package io.sessionflow.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.api.DataManager;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.RunResult;
import io.sessionflow.api.SessionEnd;
import io.sessionflow.api.SessionEndReason;
import io.sessionflow.api.SessionSummary;
import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.coordinator.EventBatch;
import io.sessionflow.coordinator.EventQueue;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.domain.Trade;
import io.sessionflow.domain.TradeSeries;
import io.sessionflow.testing.InMemoryStore;
import io.sessionflow.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The live acceptance of the coordinator issue: with a manual clock and the LEAN SPY 2013-10-07 bars pushed through
 * a publisher minute by minute, the minutes the feed withholds (10:00 and the last, 15:59) are delivered as filled
 * bars from storage, the summary counts every minute of the file as present with two filled, and the session starts
 * and ends once; a trade stamped at the close while the clock is still inside the session starts no second session.
 */
class LiveWithholdingAcceptanceTest {

    private static final Symbol SPY = Symbol.of("SPY");
    private static final LocalDate DAY = LocalDate.of(2013, 10, 7);
    private static final TradingSession SESSION = Calendars.xnys().session(DAY).orElseThrow();

    private static Instant at(int hour, int minute) {
        return DAY.atTime(LocalTime.of(hour, minute)).atZone(LeanData.NEW_YORK).toInstant();
    }

    @Test
    void withheldMinutesAreFilledFromStorageAndTheSummaryIsRight() throws Exception {
        InMemoryStore store = LeanData.importTrades(List.of("SPY"), List.of(DAY));
        BarSeries file = store.readBars(SPY, Interval.ONE_MINUTE, new TimeRange(SESSION.open(), SESSION.close()));
        assertThat(file.size()).as("in-session bars of the file")
                .isEqualTo(LeanData.barsInWindow("SPY", DAY, 570, 960).size());
        Set<Instant> withheld = Set.of(at(10, 0), at(15, 59));
        assertThat(file).extracting(Bar::start).containsAll(withheld);

        SettableClock clock = new SettableClock(SESSION.open().minusSeconds(30));
        Semaphore fed = new Semaphore(0);
        List<Bar> filled = new CopyOnWriteArrayList<>();
        List<Trade> trades = new CopyOnWriteArrayList<>();
        AtomicInteger starts = new AtomicInteger();
        List<SessionEnd> ends = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        CountDownLatch tenFilled = new CountDownLatch(1);
        RunResult result;
        try (DataManager dm = DataManager.builder().store(store).live(clock).build()) {
            dm.register(SPY, StreamType.BARS).register(SPY, StreamType.TRADES).subscribe(new MarketDataListener() {
                @Override
                public void onSessionStart(TradingSession s) {
                    starts.incrementAndGet();
                    started.countDown();
                }

                @Override
                public void onBar(Bar bar) {
                    if (bar.isFilled()) {
                        filled.add(bar);
                        if (bar.start().equals(at(10, 0))) {
                            tenFilled.countDown();
                        }
                    } else {
                        fed.release();
                    }
                }

                @Override
                public void onTrade(Trade t) {
                    trades.add(t);
                }

                @Override
                public void onSessionEnd(SessionEnd e) {
                    ends.add(e);
                    ended.countDown();
                }
            });
            EventQueue feed = dm.publisher("feed", 16);
            EventQueue ticks = dm.publisher("trades", 4);
            dm.start();
            clock.set(SESSION.open());
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

            // Minute by minute: the clock passes a minute's end, then its bar arrives (unless withheld).
            for (int i = 0; i < file.size(); i++) {
                Bar bar = file.get(i);
                clock.set(bar.start().plusSeconds(61));  // after 15:59, the clock has passed the close
                if (bar.start().equals(at(15, 58))) {
                    // The clock is inside the session (15:59:01); a trade stamped at the close arrives first. The
                    // 15:58 bar is merged while that trade heads its input: it waits, it ends no session.
                    ticks.put(EventBatch.trades(TradeSeries.of(List.of(new Trade(SPY, SESSION.close(), 169.0, 100)))));
                }
                if (!withheld.contains(bar.start())) {
                    feed.put(EventBatch.bars(BarSeries.of(Interval.ONE_MINUTE, List.of(bar))));
                    assertThat(fed.tryAcquire(10, TimeUnit.SECONDS)).as("bar %s delivered", bar.start()).isTrue();
                }
                if (bar.start().equals(at(15, 58))) {
                    assertThat(starts.get()).as("session starts with the close's trade queued").isEqualTo(1);
                    assertThat(ends).isEmpty();
                }
                if (bar.start().equals(at(10, 3))) {
                    assertThat(tenFilled.await(10, TimeUnit.SECONDS)).as("10:00 repaired by a check in the session")
                            .isTrue();
                }
            }
            // 15:59 is withheld: the feed promises it has passed the close, as a live feed's watermark does.
            feed.advanceWatermark(SESSION.close());
            assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
            dm.stop();
            result = dm.await(Duration.ofSeconds(5));
        }
        assertThat(filled).extracting(Bar::start).as("withheld minutes delivered as filled bars")
                .containsExactlyInAnyOrderElementsOf(withheld);
        for (Bar b : filled) {
            Bar stored = file.stream().filter(x -> x.start().equals(b.start())).findFirst().orElseThrow();
            assertThat(b.withFlags(stored.flags())).as("filled %s is storage's bar", b.start()).isEqualTo(stored);
        }
        assertThat(starts.get()).as("session starts").isEqualTo(1);
        assertThat(ends).singleElement().extracting(SessionEnd::reason).isEqualTo(SessionEndReason.CLOCK);
        assertThat(trades).as("the trade at the close is not part of the session").isEmpty();
        assertThat(result.sessions()).singleElement().satisfies(s -> {
            assertThat(s.date()).isEqualTo(DAY);
            SessionSummary.SymbolSummary spy = s.symbols().get(SPY);
            assertThat(spy.expected()).isEqualTo(SESSION.minutes());
            assertThat(spy.present()).as("present = every in-session bar of the file").isEqualTo(file.size());
            assertThat(spy.present()).isEqualTo(spy.expected());  // the file has all 390 minutes
            assertThat(spy.filled()).isEqualTo(2);
            assertThat(spy.confirmedMissing()).isZero();
        });
    }
}
