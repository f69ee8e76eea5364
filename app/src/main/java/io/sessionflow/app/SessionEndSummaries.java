package io.sessionflow.app;

import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.SessionEnd;
import io.sessionflow.api.SessionSummary;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Symbol;
import io.sessionflow.session.SessionData;
import io.sessionflow.session.SessionMinutes;
import io.sessionflow.session.SymbolSessionData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The summary of each live session as it ends, for the table {@code live} prints then. A live run only returns its
 * summaries when it stops, so this listener takes the same figures the coordinator sums up (presence counts, per
 * segment too, derived bars delivered per interval) from {@link SessionData} at the session's end, before the next
 * session clears them, and sums them up the same way ({@link SessionSummary.SymbolSummary#of}).
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
        SessionMinutes minutes = data.currentMinutes().orElseThrow(() -> new IllegalStateException(
                "session " + end.date() + " ended without a current session in SessionData"));
        Map<Symbol, SessionSummary.SymbolSummary> symbols = new LinkedHashMap<>();
        for (Symbol symbol : data.symbols()) {
            if (!barSymbols.contains(symbol)) {
                continue;
            }
            SymbolSessionData d = data.symbol(symbol).orElseThrow();
            symbols.put(symbol, SessionSummary.SymbolSummary.of(d.counts(), minutes, derived));
        }
        sink.accept(new SessionSummary(end.date(), end.time(), end.reason(), symbols));
    }
}
