package io.sessionflow.app;

import io.sessionflow.api.DataManager;
import io.sessionflow.api.Diagnostics;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.RunResult;
import io.sessionflow.api.SessionEnd;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.storage.Coverage;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.upkeep.DropFilter;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Runs one backtest for a command: checks the symbols against the store, builds the data manager, prints a
 * progress line per session on stderr and returns the result with the upkeep thread's storage report.
 */
final class ReplayRunner {

    /** A finished run and what the upkeep thread reported about storage. */
    record Outcome(RunResult result, SessionConfig config, int storageRetries, List<String> storageIssues) {
    }

    private ReplayRunner() {
    }

    static Outcome run(MarketDataStore store, RunOptions options, DropFilter drop, List<MarketDataListener> listeners,
                       PrintWriter progress) throws InterruptedException {
        options.validateDates();
        SessionConfig config = options.sessionConfig();
        requireKnownSymbols(store, options.symbolSet(), options.streams);
        DataManager dm = DataManager.builder().config(config).store(store)
                .backtest(options.from, options.to.plusDays(1)).upkeep(!options.noUpkeep).dropFilter(drop).build();
        try {
            for (StreamType type : options.streams) {
                dm.register(options.symbolSet(), type);
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
            dm.start();
            RunResult result = awaitEnd(dm);
            Diagnostics diagnostics = dm.diagnostics();
            if (result.outcome() == RunResult.Outcome.FAILED) {
                Throwable cause = diagnostics.upkeepFailure().orElse(null);
                String why = result.failure().getMessage() + (cause == null || cause == result.failure().getCause()
                        ? "" : " (upkeep: " + cause.getMessage() + ")");
                throw new IllegalStateException("replay failed: " + why, result.failure());
            }
            return new Outcome(result, config, diagnostics.storageRetries(), diagnostics.storageIssues());
        } finally {
            dm.close();
        }
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
    private static void requireKnownSymbols(MarketDataStore store, Set<Symbol> symbols, List<StreamType> types) {
        for (StreamType type : types) {
            List<Coverage> coverage = switch (type) {
                case BARS -> store.barCoverage().stream().filter(c -> c.intervalMinutes() == 1).toList();
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
                throw new UsageException("no " + type.name().toLowerCase(java.util.Locale.ROOT) + " in "
                        + store.description() + " for " + unknown.stream().map(Symbol::value)
                        .collect(Collectors.joining(", ")) + "; symbols with " + type.name()
                        .toLowerCase(java.util.Locale.ROOT) + ": " + have);
            }
        }
    }
}
