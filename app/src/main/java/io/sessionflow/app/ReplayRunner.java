package io.sessionflow.app;

import java.time.LocalDate;

import java.time.ZoneId;

import io.sessionflow.api.DataManager;
import io.sessionflow.corporate.CorporateActions;
import io.sessionflow.corporate.Normalization;
import io.sessionflow.api.Diagnostics;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.RunResult;
import io.sessionflow.api.SessionEnd;
import io.sessionflow.api.SessionSummary;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.storage.Coverage;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.upkeep.DropFilter;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Runs one backtest for a command: checks the symbols against the store, builds the data manager, prints a
 * progress line per session on stderr and returns the result with the upkeep thread's storage report. A signal
 * (see {@link ShutdownGuard}) stops the run; the outcome then says it was interrupted.
 */
final class ReplayRunner {

    /** Symbols named in the end-of-run line about confirmed-missing minutes; beyond this, their number. */
    private static final int LISTED_SYMBOLS = 8;

    /** A finished (or interrupted) run and what the upkeep thread reported about storage. */
    record Outcome(RunResult result, SessionConfig config, ZoneId zone, int storageRetries, List<String> storageIssues,
                   boolean interrupted, int sessionsTotal) {
    }

    private ReplayRunner() {
    }

    /**
     * Called with the data manager before it starts, and the symbols it replays (former tickers resolved): where a
     * dashboard subscribes its progress listener and takes the controls.
     */
    @FunctionalInterface
    interface Attach {
        Attach NONE = (dm, symbols) -> { };

        void to(DataManager dm, Set<Symbol> symbols);

        /** Whether the attached dashboard asked the run to stop (its Stop button). */
        default boolean stopRequested() {
            return false;
        }
    }

    /** A replay whose data manager is running; {@link #finish} waits for its end and closes it. */
    record Started(DataManager dm, SessionConfig config, int sessionsTotal) {
    }

    static Outcome run(MarketDataStore store, RangeOptions range, ReplayOptions options,
                       List<MarketDataListener> listeners, PrintWriter progress, ShutdownGuard guard)
            throws InterruptedException {
        return run(store, range, options, listeners, progress, guard, Attach.NONE);
    }

    /** The command line's replay: {@link #start}, a signal stops it, {@link #finish}. */
    static Outcome run(MarketDataStore store, RangeOptions range, ReplayOptions options,
                       List<MarketDataListener> listeners, PrintWriter progress, ShutdownGuard guard, Attach attach)
            throws InterruptedException {
        Started started = start(store, range, options, listeners, progress, attach);
        guard.onRun(started.dm()::stop);
        return finish(started, () -> guard.requested() || attach.stopRequested(), guard::requested, progress);
    }

    /**
     * Checks the request against the store, builds the data manager with {@code listeners} and a progress line per
     * session on {@code progress}, and starts it on its threads.
     *
     * @throws UsageException when a symbol has no data of a requested kind, or the options do not go together
     */
    static Started start(MarketDataStore store, RangeOptions range, ReplayOptions options,
                         List<MarketDataListener> listeners, PrintWriter progress, Attach attach) {
        range.validateDates();
        SessionConfig config = range.settings(options.overrides());
        DropFilter drop = options.drop.filter();
        List<StreamType> streams = options.streams();
        Set<Symbol> symbols = formerTickersResolved(store, range.symbolSet(), range.from, progress);
        requireKnownSymbols(store, symbols, streams);
        DataManager dm = DataManager.builder().config(config).store(store).calendar(range.calendar(config))
                .backtest(range.from, range.to.plusDays(1)).upkeep(!options.noUpkeep).dropFilter(drop)
                .corporateActions(CorporateActions.memoized(options.corporateActions(store.factors())))
                .adjustmentBasis(options.adjustmentBasis()).build();
        try {
            for (MarketDataListener l : listeners) {
                if (l instanceof EventJsonWriter w) {
                    // Lines name the mode of a symbol whose prices it changes; raw lines stay as they were.
                    w.normalizations(s -> dm.hasFactors(s) ? dm.normalization(s) : Normalization.RAW);
                }
            }
            for (StreamType type : streams) {
                dm.register(symbols, type);
            }
            listeners.forEach(dm::subscribe);
            int total = dm.backtestSessions().size();
            dm.subscribe(new MarketDataListener() {
                private int done;

                @Override
                public void onSessionEnd(SessionEnd end) {
                    done++;
                    progress.printf("session %s ended (%s) [%d/%d], %,d events%n", end.date(), end.reason().code(),
                            done, total, dm.progress().events());
                    progress.flush();
                }
            });
            attach.to(dm, symbols);
            dm.start();
            return new Started(dm, config, total);
        } catch (RuntimeException | Error e) {
            dm.close();
            throw e;
        }
    }

    /**
     * Waits for the end of a started replay, closes its data manager and returns the outcome; a stopped run counts as
     * interrupted when {@code stopRequested} says it was asked to stop (a signal, the page's Stop); {@code signalled}
     * says whether a signal did.
     *
     * @throws IllegalStateException when the run failed, naming why
     */
    static Outcome finish(Started started, BooleanSupplier stopRequested, BooleanSupplier signalled,
                          PrintWriter progress)
            throws InterruptedException {
        DataManager dm = started.dm();
        int total = started.sessionsTotal();
        try {
            RunResult result = awaitEnd(dm);
            Diagnostics diagnostics = dm.diagnostics();
            if (result.outcome() == RunResult.Outcome.FAILED) {
                Throwable cause = diagnostics.upkeepFailure().orElse(null);
                String why = result.failure().getMessage() + (cause == null || cause == result.failure().getCause()
                        ? "" : " (upkeep: " + cause.getMessage() + ")");
                throw new IllegalStateException("replay failed: " + why, result.failure());
            }
            boolean interrupted = result.outcome() == RunResult.Outcome.STOPPED && stopRequested.getAsBoolean();
            Outcome outcome = new Outcome(result, started.config(), dm.calendar().zone(), diagnostics.storageRetries(),
                    diagnostics.storageIssues(), interrupted, total);
            confirmedMissing(result).ifPresent(progress::println);
            if (interrupted) {
                progress.printf(Locale.ROOT, "interrupted by %s: stopped after %d of %s, %,d events delivered%n",
                        signalled.getAsBoolean() ? "a signal" : "the dashboard's Stop", result.sessions().size(),
                        Plural.of(total, "session"), result.events());
            }
            progress.flush();
            return outcome;
        } finally {
            dm.close();
        }
    }

    /**
     * One line for the whole run about the minutes neither the stream nor storage had, per symbol, or empty when
     * there were none (the per-session figures are in the table and the summary).
     */
    static Optional<String> confirmedMissing(RunResult result) {
        Map<Symbol, Integer> bySymbol = new TreeMap<>();
        Map<Symbol, Integer> sessions = new TreeMap<>();
        for (SessionSummary s : result.sessions()) {
            s.symbols().forEach((symbol, v) -> {
                if (v.confirmedMissing() > 0) {
                    bySymbol.merge(symbol, v.confirmedMissing(), Integer::sum);
                    sessions.merge(symbol, 1, Integer::sum);
                }
            });
        }
        if (bySymbol.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = bySymbol.entrySet().stream().limit(LISTED_SYMBOLS)
                .map(e -> e.getKey() + " " + Plural.of(e.getValue(), "minute") + " in "
                        + Plural.of(sessions.get(e.getKey()), "session"))
                .collect(Collectors.toCollection(ArrayList::new));
        if (bySymbol.size() > LISTED_SYMBOLS) {
            parts.add("and " + Plural.of(bySymbol.size() - LISTED_SYMBOLS, "more symbol"));
        }
        return Optional.of("confirmed missing (no bar in the stream or in storage): "
                + String.join(", ", parts));
    }

    private static RunResult awaitEnd(DataManager dm) throws InterruptedException {
        while (true) {
            try {
                return dm.await(Duration.ofSeconds(1));
            } catch (java.util.concurrent.TimeoutException e) {
                // still running: a replay takes as long as it takes
            }
        }
    }

    /** Every symbol must have data of each requested kind somewhere in the store: a typo is bad input. */
    /**
     * The symbols with each former ticker replaced by the stored security that traded under it on {@code from}, as its
     * map file says (GOOCV on 2014-03-28 is GOOG's security, stored as GOOG), and said on {@code progress}.
     */
    private static Set<Symbol> formerTickersResolved(MarketDataStore store, Set<Symbol> symbols, LocalDate from,
                                                     PrintWriter progress) {
        Set<Symbol> stored = store.barCoverage().stream().map(Coverage::symbol).collect(Collectors.toSet());
        Set<Symbol> out = new java.util.LinkedHashSet<>();
        for (Symbol s : symbols) {
            Optional<Symbol> security = stored.contains(s) ? Optional.empty() : store.securityTradedAs(s, from);
            security.ifPresent(g -> progress.printf("%s traded on %s as the security stored as %s (its map file): "
                    + "replaying %s%n", s, from, g, g));
            out.add(security.orElse(s));
        }
        return out;
    }

    private static void requireKnownSymbols(MarketDataStore store, Set<Symbol> symbols, List<StreamType> types) {
        for (StreamType type : types) {
            List<Coverage> coverage = switch (type) {
                case BARS -> store.barCoverage().stream().filter(c -> c.intervalMinutes() == 1).toList();
                case QUOTE_BARS -> store.quoteBarCoverage().stream().filter(c -> c.intervalMinutes() == 1).toList();
                case QUOTES -> store.quoteCoverage();
                case TRADES -> store.tradeCoverage();
            };
            Set<Symbol> known = coverage.stream().map(Coverage::symbol).collect(Collectors.toCollection(TreeSet::new));
            List<Symbol> unknown = new ArrayList<>(symbols);
            unknown.removeAll(known);
            if (!unknown.isEmpty()) {
                String have = known.isEmpty() ? "none (import or generate data first)"
                        : known.stream().limit(12).map(Symbol::value).collect(Collectors.joining(", "))
                        + (known.size() > 12 ? ", ..." : "");
                throw new UsageException("no " + type.name().toLowerCase(Locale.ROOT) + " in "
                        + store.description() + " for " + unknown.stream().limit(12).map(Symbol::value)
                        .collect(Collectors.joining(", ")) + (unknown.size() > 12 ? " and "
                        + Plural.of(unknown.size() - 12, "more symbol") : "") + "; symbols with " + type.name()
                        .toLowerCase(Locale.ROOT) + ": " + have);
            }
        }
    }
}
