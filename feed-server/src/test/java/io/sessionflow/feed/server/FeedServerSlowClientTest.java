package io.sessionflow.feed.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.feed.Subscription;
import io.sessionflow.testing.InMemoryStore;
import io.sessionflow.testing.Ticks;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading while trades stream: its socket fills, its queue reaches the buffer limit, and it is
 * disconnected; a client that keeps up on the same stream is not, and the server never holds more than the limit
 * for anyone.
 */
class FeedServerSlowClientTest {

    static final LocalDate DAY = LocalDate.of(2013, 10, 7);
    static final int SYMBOLS = 20;
    static final int LIMIT = 200_000;

    private static List<Symbol> symbols(int n) {
        List<Symbol> symbols = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            symbols.add(Symbol.of(String.format("SYM%02d", i)));
        }
        return symbols;
    }

    @Test
    void aClientThatCannotKeepUpIsDroppedWithoutTheServerHoldingMoreThanTheLimit() throws Exception {
        List<Symbol> symbols = symbols(SYMBOLS);
        InMemoryStore store = new InMemoryStore();
        store.upsertTrades(Ticks.trades(symbols, DAY, DAY.plusDays(1), 1));  // a trade a second for each symbol
        TradingSession session = Calendars.xnys().session(DAY).orElseThrow();
        ReplayPlan plan = ReplayPlan.of(List.of(session), symbols).withStreams(EnumSet.of(StreamType.TRADES))
                .withSpeed(60).withAnchorNanos(Duration.ofSeconds(30).toNanos());
        SteppedWallClock wall = new SteppedWallClock();
        Subscription all = Subscription.of(StreamType.TRADES, symbols);
        try (FeedServer server = FeedServer.builder(store, plan)
                .settings(FeedServerSettings.DEFAULT.withPort(0).withClientBufferChars(LIMIT)).wallClock(wall).start();
             TestClient fast = TestClient.connect(server);
             TestClient stuck = TestClient.stuck(server)) {
            fast.logInAndSubscribe(all);
            stuck.logInAndSubscribe(all);
            int minute = 0;
            // Minute by minute (1,200 trades, about 120 kB of frames each): the fast client takes each minute
            // before the next plays; the stuck one takes none.
            while (server.stats().slowClientsDropped() == 0) {
                assertThat(minute).as("the stuck client is dropped before the session ends").isLessThan(390);
                wall.setNanos(plan.dueNanos(session.open().plus(Duration.ofMinutes(minute + 1L))) - 1);
                assertThat(fast.points(60 * SYMBOLS)).hasSize(60 * SYMBOLS);
                minute++;
            }
            assertThat(server.stats().maxQueuedChars()).as("queued for one client at most").isLessThanOrEqualTo(LIMIT);
            assertThat(server.stats().loggedIn()).as("the fast client is still served").isEqualTo(1);
            // The fast one goes on: the next minute arrives whole.
            wall.setNanos(plan.dueNanos(session.open().plus(Duration.ofMinutes(minute + 1L))) - 1);
            assertThat(fast.points(60 * SYMBOLS)).hasSize(60 * SYMBOLS);
            stuck.release();
            assertThat(stuck.awaitClosed().reason()).as("the stuck client learns it was dropped").isNotBlank();
            assertThat(minute).as("minutes before the drop: socket buffers and %d chars", LIMIT).isGreaterThan(1);
        }
    }

    /**
     * A whole session of trades due at once (the clock runs free and pings fall due all the while): a client with
     * room enough takes every trade, in order; the queue drains to the end, pings never get in the way.
     */
    @Test
    void aClientWithRoomTakesAWholeTickSessionPlayedAtOnce() throws Exception {
        List<Symbol> symbols = symbols(2);
        InMemoryStore store = new InMemoryStore();
        store.upsertTrades(Ticks.trades(symbols, DAY, DAY.plusDays(1), 1));
        TradingSession session = Calendars.xnys().session(DAY).orElseThrow();
        ReplayPlan plan = ReplayPlan.of(List.of(session), symbols).withStreams(EnumSet.of(StreamType.TRADES))
                .withSpeed(60).withAnchorNanos(Duration.ofSeconds(30).toNanos());
        SteppedWallClock wall = new SteppedWallClock();
        try (FeedServer server = FeedServer.builder(store, plan).settings(FeedServerSettings.DEFAULT.withPort(0)
                .withClientBufferChars(64 << 20)).wallClock(wall).start();
             TestClient client = TestClient.connect(server)) {
            client.logInAndSubscribe(Subscription.of(StreamType.TRADES, symbols));
            wall.runFree();
            List<Object> trades = client.points(2 * 23_400);
            assertThat(trades).hasSize(2 * 23_400);
            assertThat(((io.sessionflow.domain.Trade) trades.get(trades.size() - 1)).time())
                    .isEqualTo(session.close().minusSeconds(1));
            assertThat(server.stats().slowClientsDropped()).isZero();
        }
    }
}
