package io.sessionflow.coordinator;

import io.sessionflow.api.SessionEndReason;
import io.sessionflow.api.SessionSummary;
import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.session.DerivedBars;
import io.sessionflow.session.SessionDataWriter;
import io.sessionflow.session.SessionMinutes;
import io.sessionflow.session.SymbolSessionData;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session-end bookkeeping of the coordinator: each symbol's summary, the warning about minutes missing in
 * storage too, the roll of the finished session into the trailing history, and the one model of held history: the
 * requests for the next session say which history dates each symbol holds, computed from SessionData alone.
 *
 * <p>Threading: coordinator thread only.
 */
final class SessionAccounting {

    private static final Logger LOG = LoggerFactory.getLogger(StreamCoordinator.class);

    private final SessionDataWriter writer;
    private final StreamRegistry registry;
    private final Interval[] derived;
    private final SessionConfig config;
    private final TradingCalendar calendar;

    SessionAccounting(SessionDataWriter writer, StreamRegistry registry, Interval[] derived, SessionConfig config,
                      TradingCalendar calendar) {
        this.writer = writer;
        this.registry = registry;
        this.derived = derived;
        this.config = config;
        this.calendar = calendar;
    }

    /** What {@code s} delivered, per symbol with a bar or quote bar stream (quote-only: from its quote bars). */
    SessionSummary summarise(TradingSession s, SessionEndReason reason) {
        Map<Symbol, SessionSummary.SymbolSummary> out = new LinkedHashMap<>();
        SessionMinutes minutes = registry.data().currentMinutes()
                .filter(m -> m.session().equals(s)).orElseGet(() -> SessionMinutes.of(s, config.qualitySegments()));
        int halted = 0;
        for (SymbolChannel ch : registry.channels()) {
            if (!ch.bars() && !ch.quoteBars()) {
                continue;
            }
            SymbolSessionData.SessionCounts c = writer.counts(ch.data);
            out.put(ch.symbol, SessionSummary.SymbolSummary.of(c, minutes, List.of(derived)));
            halted += c.haltBars();
        }
        if (halted > 0) {
            LOG.warn("session {}: {} bars in halts (between the session's segments) were ignored", s.date(), halted);
        }
        return new SessionSummary(s.date(), SessionMinutes.tradingClose(s), reason, out);
    }

    /** One line per session (at INFO: the summaries carry the figures) with minutes neither the stream nor storage had. */
    void reportConfirmedMissing(SessionSummary summary) {
        List<String> gaps = new ArrayList<>();
        int total = 0;
        for (Map.Entry<Symbol, SessionSummary.SymbolSummary> e : new TreeMap<>(summary.symbols()).entrySet()) {
            int missing = e.getValue().confirmedMissing();
            if (missing > 0) {
                total += missing;
                gaps.add(e.getKey() + " " + missing);
            }
        }
        if (total > 0) {
            LOG.info("session {}: {} confirmed missing, in storage too ({})", summary.date(),
                    total == 1 ? "1 minute" : total + " minutes",
                    gaps.size() <= 8 ? String.join(", ", gaps) : String.join(", ", gaps.subList(0, 8)) + ", ...");
        }
    }

    /** The finished session joins the history of each symbol with a bar stream; the oldest session leaves. */
    void rollHistory(TradingSession s) {
        int keep = config.historicalTrailingSessions();
        if (keep <= 0) {
            return;
        }
        for (SymbolChannel ch : registry.channels()) {
            if (!ch.bars()) {
                continue;
            }
            BarSeries oneMinute = withoutSynthetic(ch.data.bars());
            Map<Interval, BarSeries> bars = new LinkedHashMap<>();
            for (Interval i : config.historicalBarIntervals()) {
                bars.put(i, i.isOneMinute() ? oneMinute
                        : DerivedBars.aggregate(oneMinute, s, i, config.derivedAlignment()));
            }
            writer.rollHistory(ch.data, s.date(), bars, keep);
        }
    }

    /**
     * The request for {@code next} as things stand: the registered streams, and per bar symbol the trailing dates of
     * {@code next} it holds, plus {@code rolling} when that session will be rolled in before {@code next} starts.
     */
    SessionRequest request(TradingSession next, TradingSession rolling) {
        List<Symbol> bars = registry.registered(StreamType.BARS);
        Map<Symbol, Set<LocalDate>> held = new TreeMap<>();
        int keep = config.historicalTrailingSessions();
        if (keep > 0) {
            Set<LocalDate> wanted = new HashSet<>();
            calendar.sessionsBefore(next.date(), keep).forEach(t -> wanted.add(t.date()));
            for (Symbol symbol : bars) {
                Set<LocalDate> dates = new HashSet<>();
                registry.data().symbol(symbol).ifPresent(d -> d.history().values().stream().findFirst()
                        .ifPresent(m -> dates.addAll(m.keySet())));
                if (rolling != null) {
                    dates.add(rolling.date());
                }
                dates.retainAll(wanted);
                held.put(symbol, dates);
            }
        }
        return new SessionRequest(next, bars, registry.registered(StreamType.QUOTES),
                registry.registered(StreamType.TRADES), held)
                .withQuoteBars(registry.registered(StreamType.QUOTE_BARS));
    }

    private static BarSeries withoutSynthetic(BarSeries bars) {
        int real = 0;
        for (int i = 0; i < bars.size(); i++) {
            if ((bars.flags(i) & Bar.SYNTHETIC) == 0) {
                real++;
            }
        }
        if (real == bars.size()) {
            return bars;
        }
        int[] rows = new int[real];
        int n = 0;
        for (int i = 0; i < bars.size(); i++) {
            if ((bars.flags(i) & Bar.SYNTHETIC) == 0) {
                rows[n++] = i;
            }
        }
        return bars.reorder(rows);
    }
}
