package io.sessionflow.app;

import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.SessionEnd;
import io.sessionflow.api.SessionSummary;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Symbol;
import io.sessionflow.session.SessionData;
import io.sessionflow.session.SymbolSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The summary of each live session as it ends, for the table {@code live} prints then. A live run only returns its
 * summaries when it stops, so this listener takes the same figures the coordinator sums up (presence counts, derived
 * bars delivered per interval) from {@link SessionData} at the session's end, before the next session clears them.
 * The run's own summaries still make the {@code --summary} file; the tests check that both agree.
 *
 * <p>Threading: the listener methods run on the coordinator thread; {@code sink} is called there and must hand the
 * summary over to another thread without blocking for long.
 */
final class SessionEndSummaries implements MarketDataListener {

    private final SessionData data;
    private final Set<Symbol> barSymbols;
    private final List<Interval> derived;
    private final Consumer<SessionSummary> sink;

    /**
     * @param barSymbols the symbols with a bar stream (the summaries are about 1m and derived bars)
     * @param derived    the configured derived intervals
     */
    SessionEndSummaries(SessionData data, Set<Symbol> barSymbols, List<Interval> derived,
                        Consumer<SessionSummary> sink) {
        this.data = Objects.requireNonNull(data, "data");
        this.barSymbols = Set.copyOf(barSymbols);
        this.derived = List.copyOf(derived);
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public void onSessionEnd(SessionEnd end) {
        TradingSession session = data.currentSession().orElseThrow(() -> new IllegalStateException(
                "session " + end.date() + " ended without a current session in SessionData"));
        int expected = session.minutes();
        Map<Symbol, SessionSummary.SymbolSummary> symbols = new LinkedHashMap<>();
        for (Symbol symbol : data.symbols()) {
            if (!barSymbols.contains(symbol)) {
                continue;
            }
            SymbolSnapshot s = data.symbol(symbol).orElseThrow().snapshot();
            Map<Interval, Integer> counts = new LinkedHashMap<>();
            for (Interval i : derived) {
                var bars = s.derived().get(i);
                counts.put(i, bars == null ? 0 : bars.size());
            }
            symbols.put(symbol, new SessionSummary.SymbolSummary(expected, s.present(), s.filled(),
                    s.confirmedMissing(), s.synthetic(), s.quality(expected), counts));
        }
        sink.accept(new SessionSummary(end.date(), end.time(), end.reason(), symbols));
    }
}
