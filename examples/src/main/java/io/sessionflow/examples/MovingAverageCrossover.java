package io.sessionflow.examples;

import io.sessionflow.api.DataManager;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.RunResult;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.store.Stores;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A moving-average crossover on 5-minute bars: a fast and a slow simple average of closes per symbol, seeded at each
 * session start from the trailing sessions' 5m bars that SessionData holds, and a BUY (fast crosses above slow) or
 * SELL (below) line printed on each cross. Revised bars (a gap repaired after the fact) are not traded on: a real
 * strategy acts once per bar.
 *
 * <p>Threading: the listener runs on the coordinator thread, one bar at a time; its state needs no locking.
 */
public final class MovingAverageCrossover implements MarketDataListener {

    static final Interval FIVE_MINUTES = Interval.ofMinutes(5);

    private final DataManager dm;
    private final int fast;
    private final int slow;
    private final PrintStream out;
    private final Map<Symbol, Averages> bySymbol = new LinkedHashMap<>();
    private int signals;

    MovingAverageCrossover(DataManager dm, int fast, int slow, PrintStream out) {
        this.dm = dm;
        this.fast = fast;
        this.slow = slow;
        this.out = out;
    }

    /**
     * {@code examples/run [--db PATH|URL] SYMBOLS FROM TO}, e.g. {@code examples/run SYM001,SYM003 2025-11-24
     * 2025-12-02} after {@code ./sessionflow demo} has filled the default store.
     */
    public static void main(String[] args) throws InterruptedException {
        List<String> a = Arrays.asList(args);
        String db = Stores.DEFAULT_PATH.toString();
        if (a.size() >= 2 && a.get(0).equals("--db")) {
            db = a.get(1);
            a = a.subList(2, a.size());
        }
        if (a.size() != 3) {
            System.err.println("usage: examples/run [--db PATH|URL] SYM1,SYM2 FROM TO   (dates YYYY-MM-DD)");
            System.exit(2);
        }
        List<Symbol> symbols = Arrays.stream(a.get(0).split(",")).map(s -> Symbol.of(s.toUpperCase(Locale.ROOT)))
                .toList();
        try (MarketDataStore store = Stores.open(db)) {
            int signals = run(store, symbols, LocalDate.parse(a.get(1)), LocalDate.parse(a.get(2)), System.out);
            System.exit(signals >= 0 ? 0 : 1);
        }
    }

    /** Replays {@code [from, to]} and prints the signals; returns how many there were. */
    public static int run(MarketDataStore store, List<Symbol> symbols, LocalDate from, LocalDate to, PrintStream out)
            throws InterruptedException {
        SessionConfig config = SessionConfig.builder()
                .derivedIntervals(List.of(FIVE_MINUTES))
                .historicalTrailingSessions(3)
                .historicalBarIntervals(List.of(FIVE_MINUTES))
                .build();
        try (DataManager dm = DataManager.builder().config(config).store(store).backtest(from, to.plusDays(1))
                .build()) {
            MovingAverageCrossover strategy = new MovingAverageCrossover(dm, 6, 24, out);
            dm.register(symbols, StreamType.BARS).subscribe(strategy);
            RunResult result = dm.runInline();  // a backtest can run on this thread
            if (result.outcome() != RunResult.Outcome.COMPLETED) {
                throw new IllegalStateException("replay " + result.outcome(), result.failure());
            }
            out.printf(Locale.ROOT, "%d signals over %d sessions%n", strategy.signals, result.sessions().size());
            return strategy.signals;
        }
    }

    @Override
    public void onSessionStart(TradingSession session) {
        for (Symbol s : dm.sessionData().symbols()) {
            Averages avg = new Averages();
            // The trailing sessions' 5m bars warm the averages up: the first cross of the day is a real one.
            for (BarSeries day : dm.sessionData().symbol(s).orElseThrow().historicalBars(FIVE_MINUTES).values()) {
                for (Bar b : day) {
                    avg.add(b.close());
                }
            }
            bySymbol.put(s, avg);
        }
    }

    @Override
    public void onDerivedBar(Bar bar) {
        if (!bar.interval().equals(FIVE_MINUTES) || bar.isRevised()) {
            return;
        }
        Averages avg = bySymbol.get(bar.symbol());
        int before = avg.side();
        avg.add(bar.close());
        int after = avg.side();
        if (before != 0 && after != 0 && before != after) {
            signals++;
            out.printf(Locale.ROOT, "%s %-7s %-4s fast %.4f %s slow %.4f at %.2f%n", bar.end(), bar.symbol(),
                    after > 0 ? "BUY" : "SELL", avg.fast(), after > 0 ? ">" : "<", avg.slow(), bar.close());
        }
    }

    /** Fast and slow simple averages over the last closes. */
    private final class Averages {
        private final ArrayDeque<Double> closes = new ArrayDeque<>();

        void add(double close) {
            closes.addLast(close);
            if (closes.size() > slow) {
                closes.removeFirst();
            }
        }

        double fast() {
            return closes.stream().skip(closes.size() - fast).mapToDouble(Double::doubleValue).average().orElse(0);
        }

        double slow() {
            return closes.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        }

        /** +1 when fast is above slow, -1 below, 0 until there are enough closes or when equal. */
        int side() {
            if (closes.size() < slow) {
                return 0;
            }
            return (int) Math.signum(fast() - slow());
        }
    }
}
