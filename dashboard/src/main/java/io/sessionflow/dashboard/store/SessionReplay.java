package io.sessionflow.dashboard.store;

import io.sessionflow.api.DataManager;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.RunResult;
import io.sessionflow.api.SessionSummary;
import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.calendar.ZoneLabels;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.dashboard.BadRequest;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.session.SessionMinutes;
import io.sessionflow.storage.MarketDataStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One symbol's session as the coordinator delivers it: a backtest of that symbol over the trailing sessions and the
 * session itself, with the configuration {@code sessionflow gaps} uses (plus the chosen derived interval, which
 * changes no figure), a listener collecting the session's bars and their flags, and the run's summaries as the
 * figures. The prices are the stored ones (no corporate-action adjustment).
 *
 * <p>Thread-safe: each call builds its own data manager; at most {@link #CONCURRENT} run at once.
 */
final class SessionReplay {

    /** Replays running at once: each takes a core for a moment; more would only queue on a small machine. */
    static final int CONCURRENT = 2;

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final MarketDataStore store;
    private final TradingCalendar calendar;
    private final SessionConfig config;
    private final Semaphore running = new Semaphore(CONCURRENT, true);

    SessionReplay(MarketDataStore store, TradingCalendar calendar, SessionConfig config) {
        this.store = Objects.requireNonNull(store, "store");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.config = Objects.requireNonNull(config, "config");
    }

    SessionReport replay(Symbol symbol, LocalDate date, int interval, int trailingCount) throws InterruptedException {
        TradingSession session = calendar.session(date).orElseThrow(() -> BadRequest.of("date", date.toString(),
                "is not a session of " + calendar.name()));
        List<TradingSession> trailing = calendar.sessionsBefore(date, trailingCount);
        SessionConfig cfg;
        try {
            cfg = interval == 1 ? config : config.toBuilder()
                    .derivedIntervals(List.of(Interval.ofMinutes(interval))).build();
        } catch (IllegalArgumentException e) {
            throw BadRequest.of("interval", String.valueOf(interval), e.getMessage());
        }
        LocalDate first = trailing.isEmpty() ? date : trailing.get(0).date();
        Collector collector = new Collector(date);
        RunResult result;
        if (!running.tryAcquire(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("too many session replays at once; try again");
        }
        try (DataManager dm = DataManager.builder().config(cfg).store(store).calendar(calendar)
                .backtest(first, date.plusDays(1)).build()) {
            dm.register(symbol, StreamType.BARS);
            dm.subscribe(collector);
            result = dm.runInline();
        } finally {
            running.release();
        }
        if (result.outcome() != RunResult.Outcome.COMPLETED) {
            throw new IllegalStateException("the replay of " + symbol + " on " + date + " ended "
                    + result.outcome() + result.failureCause().map(t -> ": " + t.getMessage()).orElse(""));
        }
        Map<LocalDate, Figures> figures = new TreeMap<>();
        for (SessionSummary s : result.sessions()) {
            SessionSummary.SymbolSummary v = s.symbols().get(symbol);
            if (v != null) {
                figures.put(s.date(), new Figures(s.date().toString(), v.expected(), v.present(),
                        v.expected() - v.present(), v.filled(), v.confirmedMissing(), v.synthetic(),
                        HeatmapMaker.round2(v.quality()), s.reason().code()));
            }
        }
        Figures own = figures.get(date);
        if (own == null) {
            throw new IllegalStateException("the replay of " + symbol + " gave no figures for " + date);
        }
        ZoneId zone = calendar.zone();
        SessionMinutes layout = SessionMinutes.of(session, cfg.qualitySegments());
        List<SessionReport.Mark> marks = marks(collector.bars, layout, zone);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String k : List.of("missing", "filled", "synthetic")) {
            counts.put(k, (int) marks.stream().filter(m -> m.kind().equals(k)).count());
        }
        List<Figures> before = new ArrayList<>();
        trailing.forEach(t -> before.add(figures.getOrDefault(t.date(), Figures.none(t.date()))));
        return new SessionReport(symbol.value(), date.toString(), zone.getId(), ZoneLabels.of(zone),
                session.open().toString(), session.close().toString(), interval, series(collector.bars),
                series(collector.derived), marks, counts, own.report(), before.stream().map(Figures::report).toList());
    }

    /** The marked minutes: expected ones without a bar, and bars the coordinator flagged filled or synthetic. */
    private static List<SessionReport.Mark> marks(TreeMap<Instant, Bar> bars, SessionMinutes layout, ZoneId zone) {
        Instant open = layout.session().open();
        List<SessionReport.Mark> out = new ArrayList<>();
        for (int m = 0; m < layout.minutes(); m++) {
            Instant t = open.plus(Duration.ofMinutes(m));
            Bar b = bars.get(t);
            String kind = b == null ? (layout.isExpected(m) ? "missing" : null)
                    : (b.flags() & Bar.SYNTHETIC) != 0 ? "synthetic"
                    : (b.flags() & Bar.FILLED) != 0 ? "filled" : null;
            if (kind != null) {
                out.add(new SessionReport.Mark(t.toString(), t.getEpochSecond(), HH_MM.format(t.atZone(zone)),
                        kind));
            }
        }
        return out;
    }

    private static SessionReport.Series series(TreeMap<Instant, Bar> bars) {
        int n = bars.size();
        long[] time = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        int[] f = new int[n];
        int i = 0;
        for (Bar b : bars.values()) {
            time[i] = b.start().getEpochSecond();
            o[i] = b.open();
            h[i] = b.high();
            l[i] = b.low();
            c[i] = b.close();
            v[i] = b.volume();
            f[i] = b.flags();
            i++;
        }
        return new SessionReport.Series(time, o, h, l, c, v, f);
    }

    /** A session's figures while the report is put together. */
    private record Figures(String date, int expected, int present, int missing, int filled, int confirmedMissing,
                           int synthetic, double quality, String reason) {
        static Figures none(LocalDate d) {
            return new Figures(d.toString(), 0, 0, 0, 0, 0, 0, 0, "none");
        }

        SessionReport.Figures report() {
            return new SessionReport.Figures(date, expected, present, missing, filled, confirmedMissing, synthetic,
                    quality, reason);
        }
    }

    /** The bars of the one session, on the coordinator's thread (here: the caller's, run inline). */
    private static final class Collector implements MarketDataListener {
        private final LocalDate date;
        private final TreeMap<Instant, Bar> bars = new TreeMap<>();
        private final TreeMap<Instant, Bar> derived = new TreeMap<>();
        private boolean inSession;

        Collector(LocalDate date) {
            this.date = date;
        }

        @Override
        public void onSessionStart(TradingSession session) {
            inSession = session.date().equals(date);
        }

        @Override
        public void onBar(Bar bar) {
            if (inSession) {
                bars.put(bar.start(), bar);  // a later delivery of a minute (a repair) replaces the earlier
            }
        }

        @Override
        public void onDerivedBar(Bar bar) {
            if (inSession) {
                derived.put(bar.start(), bar);  // a revised window replaces the one delivered before
            }
        }
    }
}
