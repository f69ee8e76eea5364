package io.sessionflow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Symbol;
import io.sessionflow.feed.Credentials;
import io.sessionflow.feed.server.LiveFeedServerRun;
import io.sessionflow.store.imports.LeanReference;
import io.sessionflow.testing.InMemoryStore;
import io.sessionflow.time.ReplayClock;
import io.sessionflow.time.WallClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 10's must-hold: the example strategy runs unchanged live against {@code feed-server} and gives the signals of
 * the backtest of the same data. LEAN SPY, IBM, BAC and AIG of 2013-10-07 (with 2013-10-04 as the averages' history)
 * are imported by the product; the backtest is {@link MovingAverageCrossover#run}, the live run
 * {@link MovingAverageCrossover#live} against an in-process feed-server replaying the session at 1200x on a replay
 * clock of the same speed. Skipped, with a message, without the reference data.
 */
class MovingAverageCrossoverLiveTest {

    private static final LocalDate DAY = LocalDate.of(2013, 10, 7);
    private static final LocalDate HISTORY = LocalDate.of(2013, 10, 4);
    private static final List<String> NAMES = List.of("SPY", "IBM", "BAC", "AIG");
    private static final List<Symbol> SYMBOLS = NAMES.stream().map(Symbol::of).toList();
    private static final TradingSession SESSION = Calendars.xnys().session(DAY).orElseThrow();
    /** 390 minutes in 19.5 s, as in app's LiveFeedServerAcceptanceTest. */
    private static final double SPEED = 1200;
    private static final Pattern SIGNAL = Pattern.compile(
            "(\\S+) ([A-Z]+) +(BUY|SELL) +fast \\d+\\.\\d{4} [<>] slow \\d+\\.\\d{4} at (\\d+\\.\\d{2})");

    /** What a signal line says: when, which symbol, which side, at what price. */
    record Signal(Instant at, Symbol symbol, String side, String price) {
    }

    /** Prints into a string. */
    interface Printing {
        void printTo(PrintStream out) throws Exception;
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)  // the live run waits for its session end
    void theLiveRunAgainstAFeedServerGivesTheBacktestsSignals() throws Exception {
        InMemoryStore store = LeanReference.minuteTrades(NAMES, List.of(HISTORY, DAY));
        String backtest = printed(out -> MovingAverageCrossover.run(store, SYMBOLS, DAY, DAY, out));
        String live;
        try (LiveFeedServerRun server = new LiveFeedServerRun(store)) {
            URI url = server.startServer(SESSION, SYMBOLS, SPEED);
            ReplayClock clock = new ReplayClock(SESSION.open(), SPEED, WallClock.system());
            live = printed(out -> MovingAverageCrossover.live(url, Credentials.of("paper", "paper"), clock, store,
                    SYMBOLS, out));
        }
        List<Signal> expected = signals(backtest);
        assertThat(expected).as("the backtest's signals: several, of several symbols, so the comparison means "
                + "something\n%s", backtest).hasSizeGreaterThanOrEqualTo(6);
        assertThat(expected.stream().map(Signal::symbol).distinct()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(expected.stream().map(Signal::side).distinct()).containsExactlyInAnyOrder("BUY", "SELL");
        assertThat(signals(live)).as("live:\n%s\nbacktest:\n%s", live, backtest).containsExactlyElementsOf(expected);
        assertThat(live).as("the same lines, averages included, and the same footer").isEqualTo(backtest);
        assertThat(backtest).endsWith(expected.size() + " signals over 1 sessions\n");
    }

    private static String printed(Printing p) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            p.printTo(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The signal lines of {@code text}; every line but the footer must be one. */
    private static List<Signal> signals(String text) {
        List<String> lines = text.lines().toList();
        return lines.subList(0, Math.max(0, lines.size() - 1)).stream().map(line -> {
            Matcher m = SIGNAL.matcher(line);
            assertThat(m.matches()).as("a signal line: %s", line).isTrue();
            return new Signal(Instant.parse(m.group(1)), Symbol.of(m.group(2)), m.group(3), m.group(4));
        }).toList();
    }
}
