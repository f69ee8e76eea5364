package io.sessionflow.app;

import io.sessionflow.calendar.TradingSession;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.storage.UpsertResult;
import io.sessionflow.store.synthetic.SymbolProfile;
import io.sessionflow.store.synthetic.SyntheticBars;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sessionflow generate}: writes seeded synthetic 1-minute bars for N symbols over the XNYS sessions of a date
 * range, one upsert per session so that memory holds one session at a time. Runs on the calling thread.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write synthetic 1-minute bars for N symbols over the XNYS sessions in a date range.",
            "Symbols are SYM001, SYM002, ...; every third one from SYM002 is illiquid and misses minutes at the gap "
                    + "rate. The same seed gives the same bars, so generating again changes nothing."})
final class GenerateCommand implements Callable<Integer> {

    @Mixin
    StoreContext context;

    @Option(names = "--symbols", required = true, paramLabel = "N", description = "Number of symbols (1.."
            + SyntheticBars.MAX_SYMBOLS + ").")
    int symbols;

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "First date, YYYY-MM-DD.")
    LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last date (inclusive), YYYY-MM-DD.")
    LocalDate to;

    @Option(names = "--gap-rate", paramLabel = "X", defaultValue = "0.02", description = "Share of minutes an "
            + "illiquid symbol misses, in [0, 1) (default ${DEFAULT-VALUE}).")
    double gapRate;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Random seed (default "
            + "${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        if (from.isAfter(to)) {
            throw new UsageException("--from " + from + " is after --to " + to);
        }
        SyntheticBars generator = SyntheticBars.create(symbols, gapRate, seed);
        List<TradingSession> sessions = SyntheticBars.sessions(from, to);  // checked before the store is opened
        long[] bars = {0};
        UpsertResult[] result = {UpsertResult.NONE};
        try (MarketDataStore store = context.openOrCreate()) {
            generator.forEachSession(from, to, (session, series) -> {
                bars[0] += series.size();
                result[0] = result[0].plus(store.upsertBars(series));
            });
        }
        List<SymbolProfile> profiles = generator.profiles();
        long illiquid = profiles.stream().filter(p -> !p.liquid()).count();
        PrintWriter out = context.out();
        out.println("generated " + bars[0] + " bars: " + symbols + " symbols (" + profiles.get(0).symbol() + ".."
                + profiles.get(profiles.size() - 1).symbol() + ", " + illiquid + " illiquid at gap rate " + gapRate
                + "), " + sessions.size() + " session" + (sessions.size() == 1 ? "" : "s") + " "
                + sessions.get(0).date() + ".." + sessions.get(sessions.size() - 1).date() + ", seed " + seed);
        out.println("inserted " + result[0].inserted() + ", updated " + result[0].updated() + ", duplicates "
                + result[0].unchanged() + (result[0].inserted() + result[0].updated() == 0
                ? "; nothing changed, every bar was already stored" : ""));
        out.flush();
        return Main.OK;
    }
}
