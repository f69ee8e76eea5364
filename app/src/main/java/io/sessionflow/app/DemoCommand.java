package io.sessionflow.app;

import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Symbol;
import io.sessionflow.storage.Coverage;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.store.synthetic.SyntheticBars;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code sessionflow demo}: the main job on the embedded store. Generates demo data once (Thanksgiving week 2025:
 * a holiday and an early close, one illiquid symbol), then replays it with derived bars, trailing history and a
 * small drop rate so that gap repair shows, and prints the per-session table.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate demo data if the store has none, then replay Thanksgiving week 2025 with 5m and 15m "
                + "bars, 3 trailing sessions of history and 1%% of the streamed bars dropped, and print what each "
                + "session delivered.")
final class DemoCommand implements Callable<Integer> {

    static final int SYMBOLS = 4;
    static final long SEED = 2025;
    static final double GAP_RATE = 0.08;
    static final double DROP_RATE = 0.01;
    /** Generated from here so that the first replayed session has its 3 trailing sessions. */
    static final LocalDate DATA_FROM = LocalDate.of(2025, 11, 18);
    static final LocalDate FROM = LocalDate.of(2025, 11, 24);
    static final LocalDate TO = LocalDate.of(2025, 12, 2);

    /** The launcher as the user typed it, passed by {@code ./sessionflow}, for the {@code Next:} line. */
    static final String LAUNCHER_PROPERTY = "sessionflow.launcher";

    @Mixin
    StoreContext context;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = context.out();
        PrintWriter err = context.err();
        try (ShutdownGuard guard = ShutdownGuard.install(); MarketDataStore store = context.openOrCreate()) {
            SyntheticBars demo = SyntheticBars.create(SYMBOLS, GAP_RATE, SEED);
            List<Symbol> symbols = demo.profiles().stream().map(p -> p.symbol()).toList();
            if (hasDemoData(store, symbols)) {
                err.println("demo data found in " + store.description() + "; reusing it");
            } else {
                err.println("generating demo data in " + store.description() + ": " + SYMBOLS + " symbols, "
                        + DATA_FROM + " to " + TO);
                demo.forEachSession(DATA_FROM, TO, (session, bars) -> {
                    store.upsertBars(bars);
                    err.println("  generated " + session.date() + " (" + bars.size() + " bars)");
                });
            }
            err.flush();
            RangeOptions range = new RangeOptions();
            range.symbols = symbols;
            range.from = FROM;
            range.to = TO;
            ReplayOptions run = new ReplayOptions();
            run.intervals = List.of(Interval.ofMinutes(5), Interval.ofMinutes(15));
            run.trailingSessions = 3;
            run.historyIntervals = List.of(Interval.ONE_MINUTE, Interval.ofMinutes(5));
            run.drop.rate = DROP_RATE;
            run.drop.seed = SEED;
            out.println("Replaying " + symbols.stream().map(Symbol::value).collect(Collectors.joining(", "))
                    + " from " + FROM + " to " + TO + " (Thanksgiving closed, 13:00 early close on 2025-11-28)");
            out.println("with 5m and 15m bars, 3 trailing sessions of history, and 1% of the streamed 1m bars "
                    + "dropped so that gap repair has work to do.");
            out.println();
            out.flush();
            ReplayRunner.Outcome outcome = ReplayRunner.run(store, range, run, List.of(), err, guard);
            out.print(Reports.sessionTable(outcome));
            out.println();
            out.println("Next: " + nextCommand(symbols.get(1)));
            out.flush();
            return Main.OK;
        }
    }

    /**
     * A replay of the illiquid demo symbol on the same store, to paste as printed: the launcher as it was called
     * and the {@code --db} the demo used, quoted for the shell where needed.
     */
    String nextCommand(Symbol illiquid) {
        String launcher = System.getProperty(LAUNCHER_PROPERTY, "./sessionflow");
        return shellWord(launcher) + " replay" + (context.isDefault() ? "" : " --db " + shellWord(context.db))
                + " --symbols " + illiquid + " --from " + FROM + " --to " + TO
                + " --intervals 5,15 --drop-rate 0.05 --events events.jsonl --summary summary.json";
    }

    /** {@code word} as one shell word: as it is when it is plain, else in single quotes. */
    static String shellWord(String word) {
        return word.matches("[A-Za-z0-9_@%+=:,./-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /** Every demo symbol's 1m bars already reach from the first generated session to the last. */
    private static boolean hasDemoData(MarketDataStore store, List<Symbol> symbols) {
        List<TradingSession> sessions = SyntheticBars.sessions(DATA_FROM, TO);
        Instant firstClose = sessions.get(0).close();
        Instant lastOpen = sessions.get(sessions.size() - 1).open();
        Set<Symbol> wanted = Set.copyOf(symbols);
        long covering = store.barCoverage().stream()
                .filter(c -> c.intervalMinutes() == 1 && wanted.contains(c.symbol()))
                .filter(c -> c.first().isBefore(firstClose) && !c.last().isBefore(lastOpen))
                .map(Coverage::symbol).distinct().count();
        return covering == symbols.size();
    }
}
