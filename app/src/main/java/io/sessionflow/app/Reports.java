package io.sessionflow.app;

import io.sessionflow.api.RunResult;
import io.sessionflow.api.SessionSummary;
import io.sessionflow.domain.Symbol;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The human-readable tables of {@code replay}, {@code gaps}, {@code demo} and {@code live}. */
final class Reports {

    private Reports() {
    }

    /** One row per session: totals over its symbols, then the run's footer. */
    static String sessionTable(ReplayRunner.Outcome outcome) {
        return sessionRows(outcome.result().sessions()) + footer(outcome);
    }

    /** The table of {@code sessions} alone, without the run's footer ({@code live} prints one at each session end). */
    static String sessionRows(List<SessionSummary> sessions) {
        TextTable t = new TextTable("session", "symbols", "1m bars", "derived", "filled", "confirmed missing",
                "synthetic", "quality", "end");
        for (SessionSummary s : sessions) {
            int expected = 0;
            int present = 0;
            int filled = 0;
            int missing = 0;
            int synthetic = 0;
            int derived = 0;
            for (SessionSummary.SymbolSummary v : s.symbols().values()) {
                expected += v.expected();
                present += v.present();
                filled += v.filled();
                missing += v.confirmedMissing();
                synthetic += v.synthetic();
                derived += v.derived().values().stream().mapToInt(Integer::intValue).sum();
            }
            double quality = expected == 0 ? 100.0 : present * 100.0 / expected;
            t.row(s.date(), s.symbols().size(), fmt(present + synthetic), fmt(derived), fmt(filled), fmt(missing),
                    fmt(synthetic), pct(quality), s.reason().code() + " " + timeOfDay(s));
        }
        return t.render();
    }

    /**
     * One row per symbol and session: the completeness figures. Without dropped bars every missing minute is looked
     * up in storage and confirmed missing there, so the table shows missing minutes only.
     */
    static String gapTable(ReplayRunner.Outcome outcome) {
        TextTable t = new TextTable("session", "symbol", "expected", "present", "missing", "quality");
        for (SessionSummary s : outcome.result().sessions()) {
            for (Map.Entry<Symbol, SessionSummary.SymbolSummary> e : new TreeMap<>(s.symbols()).entrySet()) {
                SessionSummary.SymbolSummary v = e.getValue();
                t.row(s.date(), e.getKey(), v.expected(), v.present(), v.expected() - v.present(), pct(v.quality()));
            }
        }
        return t.render();
    }

    static String footer(ReplayRunner.Outcome outcome) {
        RunResult r = outcome.result();
        double seconds = r.wallNanos() / 1e9;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%,d events delivered in %.2f s (%,d events/s)%n", r.events(), seconds,
                seconds > 0 ? Math.round(r.events() / seconds) : 0));
        if (outcome.interrupted()) {
            sb.append(String.format(Locale.ROOT, "interrupted: %d of %s ended before the run was stopped%n",
                    r.sessions().size(), Plural.of(outcome.sessionsTotal(), "session")));
        }
        if (r.timerExpired()) {
            sb.append("warning: at least one session ended because the session-end timer expired\n");
        }
        if (outcome.storageRetries() > 0) {
            sb.append(String.format(Locale.ROOT, "storage: %d failed reads were retried%n", outcome.storageRetries()));
        }
        return sb.toString();
    }

    private static String timeOfDay(SessionSummary s) {
        return s.end().atZone(java.time.ZoneId.of("America/New_York")).toLocalTime() + " ET";
    }

    static String fmt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String pct(double q) {
        return String.format(Locale.ROOT, "%.2f%%", SummaryJson.round(q, 2));
    }
}
