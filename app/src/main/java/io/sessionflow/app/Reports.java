package io.sessionflow.app;

import java.time.ZoneId;

import io.sessionflow.api.RunResult;
import io.sessionflow.api.SessionSummary;
import io.sessionflow.calendar.SessionSegment;
import io.sessionflow.calendar.ZoneLabels;
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
        return sessionRows(outcome.result().sessions(), outcome.zone()) + footer(outcome);
    }

    /**
     * The table of {@code sessions} alone, without the run's footer ({@code live} prints one at each session end);
     * session ends are shown as wall times in {@code zone}, the calendar's.
     */
    static String sessionRows(List<SessionSummary> sessions, ZoneId zone) {
        // Segmented sessions add one column per segment kind they have (present/expected over their symbols);
        // a table of sessions without segments keeps exactly its columns.
        List<SessionSegment.Kind> kinds = java.util.Arrays.stream(SessionSegment.Kind.values())
                .filter(k -> sessions.stream().flatMap(s -> s.symbols().values().stream())
                        .flatMap(v -> v.segments().stream()).anyMatch(g -> g.kind() == k))
                .toList();
        List<String> header = new java.util.ArrayList<>(List.of("session", "symbols", "1m bars", "derived", "filled",
                "confirmed missing", "synthetic", "quality"));
        kinds.forEach(k -> header.add(k.label()));
        header.add("end");
        TextTable t = new TextTable(header.toArray(new String[0]));
        for (SessionSummary s : sessions) {
            int expected = 0;
            int present = 0;
            int bars = 0;
            int[] kindExpected = new int[SessionSegment.Kind.values().length];
            int[] kindPresent = new int[kindExpected.length];
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
                bars += v.bars();
                for (SessionSummary.SegmentSummary g : v.segments()) {
                    kindExpected[g.kind().ordinal()] += g.expected();
                    kindPresent[g.kind().ordinal()] += g.present();
                }
                derived += v.derived().values().stream().mapToInt(Integer::intValue).sum();
            }
            double quality = expected == 0 ? 100.0 : present * 100.0 / expected;
            List<Object> row = new java.util.ArrayList<>(List.of(s.date(), s.symbols().size(), fmt(bars),
                    fmt(derived), fmt(filled), fmt(missing), fmt(synthetic), pct(quality)));
            for (SessionSegment.Kind k : kinds) {
                row.add(kindExpected[k.ordinal()] == 0 ? "-"
                        : fmt(kindPresent[k.ordinal()]) + "/" + fmt(kindExpected[k.ordinal()]));
            }
            row.add(s.reason().code() + " " + timeOfDay(s, zone));
            t.row(row.toArray());
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

    private static String timeOfDay(SessionSummary s, ZoneId zone) {
        return s.end().atZone(zone).toLocalTime() + " " + ZoneLabels.of(zone);
    }

    static String fmt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String pct(double q) {
        return String.format(Locale.ROOT, "%.2f%%", SummaryJson.round(q, 2));
    }
}
