package io.sessionflow.dashboard.runs;

import io.sessionflow.api.DataManager;
import io.sessionflow.api.Diagnostics;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.Progress;
import io.sessionflow.api.SessionEnd;
import io.sessionflow.api.SessionEndReason;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.corporate.CorporateAction;
import io.sessionflow.domain.BarView;
import io.sessionflow.domain.QuoteBarView;
import io.sessionflow.domain.QuoteView;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TradeView;
import io.sessionflow.session.SessionData;
import io.sessionflow.session.SymbolSessionData;
import io.sessionflow.time.WallClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A listener that samples a run on the coordinator's thread, the only writer of its {@link SessionData}, and
 * publishes immutable {@link RunProgress} snapshots on a {@link ProgressBoard}: at each session start and end, at the
 * run's end, and otherwise at most once per {@link #PERIOD} of wall time. HTTP threads only ever read the board.
 *
 * <p>It stays cheap at full speed: it reads the wall clock only every {@code stride} events, a stride that doubles
 * (up to {@value #MAX_STRIDE}) while the events come much faster than the period and halves when they come slowly,
 * so a paced replay is still sampled on time and a full-speed one pays a counter decrement per event.
 *
 * <p>Threading: every method on the coordinator's thread (as listeners are called); its fields are confined there.
 */
public final class ProgressSampler implements MarketDataListener {

    /** The least wall time between two snapshots taken in the middle of a session. */
    public static final Duration PERIOD = Duration.ofMillis(200);

    static final int MAX_STRIDE = 4096;
    private static final int MAX_WARNINGS = 50;

    private final DataManager dm;
    private final List<Symbol> symbols;
    private final WallClock wall;
    private final ProgressBoard board;
    private final int sessionsTotal;
    private final long period = PERIOD.toNanos();
    private final List<String> sessionWarnings = new ArrayList<>();
    private int stride = 1;
    private int countdown = 1;
    private long lastCheck;
    private long lastPublish;
    private long lastEvents;

    /**
     * @param symbols       the symbols with a bar stream, whose quality the snapshots carry
     * @param sessionsTotal the sessions of the run, or -1 for the data manager's count (a backtest's window)
     */
    public ProgressSampler(DataManager dm, Collection<Symbol> symbols, WallClock wall, ProgressBoard board,
                           int sessionsTotal) {
        this.dm = Objects.requireNonNull(dm, "dm");
        this.symbols = List.copyOf(new TreeSet<>(symbols));
        this.wall = Objects.requireNonNull(wall, "wall");
        this.board = Objects.requireNonNull(board, "board");
        if (sessionsTotal < -1) {
            throw new IllegalArgumentException("sessionsTotal " + sessionsTotal + " is below -1");
        }
        this.sessionsTotal = sessionsTotal;
        this.lastCheck = wall.nanoTime();
        this.lastPublish = lastCheck;
    }

    @Override
    public void onSessionStart(TradingSession session) {
        publish(wall.nanoTime());
    }

    @Override
    public void onCorporateAction(CorporateAction action) {
        tick();
    }

    @Override
    public void onBarView(BarView bar) {
        tick();
    }

    @Override
    public void onDerivedBarView(BarView bar) {
        tick();
    }

    @Override
    public void onQuoteBarView(QuoteBarView bar) {
        tick();
    }

    @Override
    public void onDerivedQuoteBarView(QuoteBarView bar) {
        tick();
    }

    @Override
    public void onQuoteView(QuoteView quote) {
        tick();
    }

    @Override
    public void onTradeView(TradeView trade) {
        tick();
    }

    @Override
    public void onSessionEnd(SessionEnd end) {
        if (end.reason() == SessionEndReason.TIMER_EXPIRED && sessionWarnings.size() < MAX_WARNINGS) {
            sessionWarnings.add("session " + end.date() + " ended because the session-end timer expired (an input "
                    + "stayed silent)");
        }
        publish(wall.nanoTime());
    }

    @Override
    public void onRunEnd() {
        publish(wall.nanoTime());
    }

    private void tick() {
        if (--countdown > 0) {
            return;
        }
        long now = wall.nanoTime();
        long sinceCheck = now - lastCheck;
        lastCheck = now;
        if (sinceCheck < period / 64 && stride < MAX_STRIDE) {
            stride <<= 1;
        } else if (sinceCheck > period / 8 && stride > 1) {
            stride >>= 1;
        }
        countdown = stride;
        if (now - lastPublish >= period) {
            publish(now);
        }
    }

    private void publish(long now) {
        Progress p = dm.progress();
        double seconds = (now - lastPublish) / 1e9;
        double rate = seconds > 0 ? Math.max(0, p.events() - lastEvents) / seconds : 0;
        lastPublish = now;
        lastEvents = p.events();
        Instant time = p.session() == null ? null : dm.now();
        board.publish(new RunProgress(p.session() == null ? null : p.session().toString(),
                time == null ? null : time.toString(), p.sessionsDone(),
                sessionsTotal < 0 ? p.sessionsTotal() : sessionsTotal, p.events(), Math.round(rate * 10) / 10.0,
                qualities(dm.sessionData()), warnings(dm.diagnostics())));
    }

    private List<SymbolQuality> qualities(SessionData data) {
        List<SymbolQuality> out = new ArrayList<>(symbols.size());
        for (Symbol s : symbols) {
            Optional<SymbolSessionData> d = data.symbol(s);
            if (d.isPresent()) {
                SymbolSessionData.SessionCounts c = d.get().counts();
                out.add(new SymbolQuality(s.value(), c.presentExpected(), c.filled(), c.confirmedMissing(),
                        Math.max(0, Math.min(100, d.get().quality()))));
            }
        }
        return out;
    }

    private List<String> warnings(Diagnostics d) {
        List<String> out = new ArrayList<>(sessionWarnings);
        if (d.storageRetries() > 0) {
            out.add(String.format(Locale.ROOT, "storage: %d failed reads were retried", d.storageRetries()));
        }
        d.storageIssues().stream().limit(MAX_WARNINGS).forEach(i -> out.add("storage: " + i));
        d.upkeepFailure().ifPresent(t -> out.add("upkeep gave a session up: " + t.getMessage()));
        return out;
    }
}
