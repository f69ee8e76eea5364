package io.sessionflow.feed.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.feed.Subscription;
import io.sessionflow.store.imports.LeanReference;
import io.sessionflow.testing.InMemoryStore;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The session, LEAN SPY, IBM, BAC and AIG of 2013-10-07 imported by the product, served at 3600x: the client
 * receives every stored minute of every symbol, exactly and in order. Skipped, with a message, without the reference
 * data.
 */
class FeedServerLeanTest {

    static final LocalDate DAY = LocalDate.of(2013, 10, 7);
    static final List<String> NAMES = List.of("SPY", "IBM", "BAC", "AIG");

    @Test
    void theReferenceSessionArrivesWholeForEverySymbol() throws Exception {
        InMemoryStore store = LeanReference.minuteTrades(NAMES, List.of(DAY));
        List<Symbol> symbols = NAMES.stream().map(Symbol::of).toList();
        TradingSession session = Calendars.xnys().session(DAY).orElseThrow();
        ReplayPlan plan = ReplayPlan.of(List.of(session), symbols).withSpeed(3600).withAnchorNanos(1_000_000_000L);
        Map<Symbol, List<Bar>> stored = new LinkedHashMap<>();
        int total = 0;
        for (Symbol s : symbols) {
            List<Bar> bars = store.readBars(s, Interval.ONE_MINUTE, session.range());
            stored.put(s, bars);
            total += bars.size();
        }
        assertThat(total).as("stored minutes of the four symbols").isGreaterThan(4 * 380);

        SteppedWallClock wall = new SteppedWallClock();
        try (FeedServer server = FeedServer.builder(store, plan).settings(FeedServerSettings.DEFAULT.withPort(0))
                .wallClock(wall).start();
             TestClient client = TestClient.connect(server)) {
            client.logInAndSubscribe(Subscription.of(StreamType.BARS, symbols));
            wall.runFree();
            List<Bar> got = client.bars(total);
            for (Symbol s : symbols) {
                assertThat(got.stream().filter(b -> b.symbol().equals(s)).toList()).as("%s", s)
                        .containsExactlyElementsOf(stored.get(s));
            }
            for (int i = 1; i < got.size(); i++) {
                assertThat(got.get(i).start()).as("minute order").isAfterOrEqualTo(got.get(i - 1).start());
            }
        }
    }
}
