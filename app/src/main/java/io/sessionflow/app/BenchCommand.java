package io.sessionflow.app;

import io.sessionflow.feed.FeedSettings;
import io.sessionflow.store.bench.LoadBench;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntToLongFunction;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sessionflow bench}: measures the throughput of a pipeline stage on generated data and prints one line per
 * measurement in bars/s. A stage is one entry in {@link #STAGES}. Runs on the calling thread.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure the throughput of stages on generated data; one line per measurement in bars/s.",
            "load: bulk reads from an embedded DuckDB file, Arrow export vs a plain JDBC ResultSet, and the sessions "
                    + "as the upkeep thread prepares them (read, delivery order, checks).",
            "baseline: the same data read once into plain arrays, sorted per session by (availability time, symbol) "
                    + "and aggregated to 5m and 15m with no framework: the in-process limit. It runs whenever "
                    + "merge, derive, deliver or end-to-end is asked, and they print their ratio to it.",
            "The replay stages (baseline, merge, derive, deliver, end-to-end) run together: each warms up, then "
                    + "--runs rounds replay every stage once in turn; a ratio is the median of the rounds' ratios.",
            "merge, derive: the coordinator alone, fed from memory, without and with 5m and 15m bars.",
            "deliver: derive, every bar also delivered to a counting subscriber: end-to-end without the storage.",
            "end-to-end: DuckDB -> upkeep thread (prefetch, repair) -> coordinator -> SessionData with 5m and 15m "
                    + "bars -> a counting subscriber, then the same without the upkeep thread.",
            "memory: the live heap after a full GC at every session end of an end-to-end replay; compare "
                    + "--sessions 20 with --sessions 60.",
            "scale: end-to-end with upkeep on the --symbols x --sessions data and on --scale-symbols x "
                    + "--scale-sessions data in turn, in one process, and the larger's bars/s as a ratio to the "
                    + "smaller's (the median of the rounds' ratios).",
            "connector: a local feed-server floods the Alpaca client -> feed -> live coordinator -> listener with "
                    + "--events trades and quotes (messages/s), then plays at --rate messages/s (latency from frame "
                    + "received to listener call); decode-only on the same frames for comparison."})
final class BenchCommand implements Callable<Integer> {

    /** A measurable stage: runs its measurements on the bench data and prints a line for each. */
    @FunctionalInterface
    private interface Stage {
        void run(BenchCommand options, LoadBench data, PrintWriter out) throws Exception;
    }

    /** One timed replay of a pipeline stage. */
    @FunctionalInterface
    private interface Replay {
        PipelineBench.Run run(PipelineBench bench) throws InterruptedException;
    }

    private static final String BASELINE = "baseline";
    private static final String DERIVE = "merge+derive 5m,15m";
    private static final String DELIVER = "merge+derive 5m,15m to a subscriber";
    private static final String WITH_UPKEEP = "end-to-end with upkeep";
    private static final String WITHOUT_UPKEEP = "end-to-end without upkeep";
    private static final Map<String, Stage> STAGES = new LinkedHashMap<>();
    /** The replay stages' cases, by stage: they run together, interleaved, so that their ratios are fair. */
    private static final Map<String, List<Case>> REPLAYS = new LinkedHashMap<>();

    /** One replayed case of a replay stage. */
    private record Case(String name, Replay replay) {
    }

    /** Every stage's name, in the order the help lists them. */
    private static final List<String> KNOWN = new ArrayList<>();

    static {
        stage("load", BenchCommand::load);
        replay(BASELINE, new Case(BASELINE, PipelineBench::baseline));
        replay("merge", new Case("merge", b -> b.coordinatorOnly(false, false)));
        replay("derive", new Case(DERIVE, b -> b.coordinatorOnly(true, false)));
        replay("deliver", new Case(DELIVER, b -> b.coordinatorOnly(true, true)));
        replay("end-to-end", new Case(WITH_UPKEEP, b -> b.endToEnd(true)),
                new Case(WITHOUT_UPKEEP, b -> b.endToEnd(false)));
        stage("memory", BenchCommand::memory);
        stage("scale", BenchCommand::scale);
        stage("connector", (o, data, out) -> o.connector(out));
    }

    private static void stage(String name, Stage stage) {
        STAGES.put(name, stage);
        KNOWN.add(name);
    }

    private static void replay(String name, Case... cases) {
        REPLAYS.put(name, List.of(cases));
        KNOWN.add(name);
    }

    /** The stage names for the help's {@code ${COMPLETION-CANDIDATES}}: the same list that --stage is checked against. */
    static final class StageNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return KNOWN.iterator();
        }
    }

    /** The stage that needs no bar data file. */
    private static final String CONNECTOR = "connector";
    /** The most trades and quotes of a connector run: its arrival table is one array. */
    private static final long MAX_EVENTS = 100_000_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--stage", paramLabel = "STAGE", split = ",", defaultValue = "load",
            completionCandidates = StageNames.class, description = "Stages to measure, comma-separated (default "
                    + "${DEFAULT-VALUE}; known: ${COMPLETION-CANDIDATES}).")
    List<String> stages;

    @Option(names = "--symbols", defaultValue = "500", description = "Symbols in the generated data "
            + "(default ${DEFAULT-VALUE}).")
    int symbols;

    @Option(names = "--sessions", defaultValue = "20", description = "Full 390-minute sessions in the generated data "
            + "(default ${DEFAULT-VALUE}); reads of 1 session and of all of them are measured.")
    int sessions;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "15", description = "Unmeasured runs of each "
            + "case for this long first, so that the JIT has compiled the hot loops (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--runs", defaultValue = "5", description = "Measured runs of each case; for the replay stages, "
            + "rounds of one replay of each (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--dir", paramLabel = "FOLDER", description = "Where the temporary data goes (default: the "
            + "system's temporary folder); removed afterwards.")
    Path dir;

    @Option(names = "--data", paramLabel = "FILE", description = "Keep the generated data in this DuckDB file and "
            + "reuse it when it exists (a later run then measures a process that has only read).")
    Path data;

    @Option(names = "--scale-symbols", paramLabel = "N", defaultValue = "5000", description = "scale: symbols of "
            + "the larger data (default ${DEFAULT-VALUE}).")
    int scaleSymbols;

    @Option(names = "--scale-sessions", paramLabel = "N", defaultValue = "5", description = "scale: sessions of "
            + "the larger data (default ${DEFAULT-VALUE}).")
    int scaleSessions;

    @Option(names = "--scale-data", paramLabel = "FILE", description = "scale: keep the larger data in this DuckDB "
            + "file and reuse it when it exists, as --data does.")
    Path scaleData;

    @Option(names = "--events", paramLabel = "N", defaultValue = "1000000", description = "connector: trades and "
            + "quotes in a flood, half each, spread over the symbols (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--rate", paramLabel = "MSGS", defaultValue = "20000", description = "connector: trades and "
            + "quotes a second in the run that measures latency (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--grace", paramLabel = "DURATION", description = "connector: the feed's grace, how long it "
            + "holds events so that the frames of one instant may come out of order (default: the product's, 2s); "
            + "latencies are printed with and without it.")
    Duration grace;

    @Override
    public Integer call() throws Exception {
        for (String s : stages) {
            if (!KNOWN.contains(s.toLowerCase(Locale.ROOT))) {
                throw new UsageException("--stage '" + s + "' is not a stage; known: " + String.join(", ", KNOWN));
            }
        }
        requireSize("--symbols", symbols, "--sessions", sessions);
        requireSize("--scale-symbols", scaleSymbols, "--scale-sessions", scaleSessions);
        if (runs < 1 || warmup < 0) {
            throw new UsageException("--runs " + runs + " --warmup " + warmup + ": need at least one run and a "
                    + "warm-up of 0 seconds or more");
        }
        if (grace == null) {
            grace = FeedSettings.DEFAULT.grace();
        }
        if (events < 2L * symbols || events > MAX_EVENTS || !(rate > 0) || Double.isInfinite(rate)
                || grace.isNegative()) {
            throw new UsageException("--events " + events + " --rate " + rate + " --grace " + grace + ": events must "
                    + "be 2 x --symbols.." + MAX_EVENTS + ", the rate a positive number and the grace not negative");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path folder = data != null ? null : createTempDirectory();
        Path file = folder == null ? data : folder.resolve("bench.duckdb");
        boolean bars = stages.stream().anyMatch(s -> !s.equalsIgnoreCase(CONNECTOR));
        try {
            if (bars && !Files.exists(file)) {
                PrintWriter err = spec.commandLine().getErr();
                err.printf("bench: generating %d sessions x %d symbols of 1m bars in %s%n", sessions, symbols, file);
                err.flush();
            }
            List<String> order = stages.stream().map(s -> s.toLowerCase(Locale.ROOT)).distinct().toList();
            List<Case> cases = new ArrayList<>();
            if (order.stream().anyMatch(REPLAYS::containsKey)) {
                cases.addAll(REPLAYS.get(BASELINE));  // the ratios need it, measured in this same process
                order.stream().filter(s -> REPLAYS.containsKey(s) && !s.equals(BASELINE))
                        .forEach(s -> cases.addAll(REPLAYS.get(s)));
            }
            try (LoadBench bench = bars ? LoadBench.open(file, symbols, sessions) : null) {
                boolean replayed = false;
                for (String s : order) {
                    if (!REPLAYS.containsKey(s)) {
                        STAGES.get(s).run(this, bench, out);
                    } else if (!replayed) {
                        replayed = true;
                        replays(out, bench, cases);
                    }
                }
            }
        } finally {
            if (folder != null) {
                deleteRecursively(folder);
            }
        }
        return Main.OK;
    }

    private static void requireSize(String symbolsOption, int symbols, String sessionsOption, int sessions) {
        if (!LoadBench.fits(symbols, sessions)) {
            throw new UsageException(symbolsOption + " " + symbols + " " + sessionsOption + " " + sessions
                    + ": symbols must be 1.." + LoadBench.MAX_SYMBOLS + " and sessions 1.." + LoadBench.MAX_SESSIONS);
        }
    }

    private Path createTempDirectory() throws IOException {
        return dir == null ? Files.createTempDirectory("sessionflow-bench")
                : Files.createTempDirectory(Files.createDirectories(dir), "sessionflow-bench");
    }

    private static void load(BenchCommand o, LoadBench bench, PrintWriter out) {
        List<Integer> sizes = o.sessions == 1 ? List.of(1) : List.of(1, o.sessions);
        for (int n : sizes) {
            o.measure(out, "load duckdb-arrow", n, k -> bench.readArrow(k).size());
            o.measure(out, "load jdbc-resultset", n, k -> bench.readPlainJdbc(k).size());
            o.measure(out, "load session splits", n, bench::prepareSplits);
        }
    }

    private static void memory(BenchCommand o, LoadBench data, PrintWriter out) throws InterruptedException {
        PipelineBench bench = new PipelineBench(data);
        bench.endToEnd(true);  // warm: classes loaded, code compiled, pools sized
        long[] live = bench.liveHeapPerSession();
        long max = Arrays.stream(live).max().orElse(0);
        out.println(String.format(Locale.ROOT, "memory end-to-end %d sessions x %d symbols: live heap after GC at "
                + "session ends: first %d MB, last %d MB, max %d MB; peak RSS %d MB", bench.sessions(),
                bench.symbols(), live[0] >> 20, live[live.length - 1] >> 20, max >> 20,
                PipelineBench.peakRssBytes() >> 20));
        out.flush();
    }

    /**
     * Times {@link #runs} rounds of end-to-end with upkeep on {@code data} and then on the larger data, after warming
     * up both, and prints the larger's rate as the median of the rounds' ratios to the smaller's: a figure of one
     * process, where two launches on a shared machine can differ by more than the ratio measured.
     */
    private static void scale(BenchCommand o, LoadBench data, PrintWriter out) throws Exception {
        Path folder = o.scaleData != null ? null : o.createTempDirectory();
        Path file = folder == null ? o.scaleData : folder.resolve("scale.duckdb");
        try {
            if (!Files.exists(file)) {
                PrintWriter err = o.spec.commandLine().getErr();
                err.printf("bench: generating %d sessions x %d symbols of 1m bars in %s%n", o.scaleSessions,
                        o.scaleSymbols, file);
                err.flush();
            }
            try (LoadBench larger = LoadBench.open(file, o.scaleSymbols, o.scaleSessions)) {
                Case endToEnd = new Case(WITH_UPKEEP, b -> b.endToEnd(true));
                String label = "scale " + WITH_UPKEEP + " ";
                PipelineBench.Run[][] measured = o.rounds(out, List.of(label + size(data), label + size(larger)),
                        List.of(endToEnd, endToEnd), List.of(new PipelineBench(data), new PipelineBench(larger)));
                out.println(String.format(Locale.ROOT, "scale %s %s / %s: %.2f (median of %d rounds; peak RSS so "
                        + "far %d MB)", WITH_UPKEEP, size(larger), size(data),
                        medianRatio(rates(measured[1]), rates(measured[0])), o.runs,
                        PipelineBench.peakRssBytes() >> 20));
                out.flush();
            }
        } finally {
            if (folder != null) {
                deleteRecursively(folder);
            }
        }
    }

    private static String size(LoadBench data) {
        return String.format(Locale.ROOT, "%d session%s x %d symbols", data.sessionCount(),
                data.sessionCount() == 1 ? "" : "s", data.symbolCount());
    }

    /**
     * Warms up each case (case k on {@code benches[k]}) by time, then times {@link #runs} rounds of one replay of
     * each in turn, printing each under its label: on a shared machine whose speed drifts, replays run side by side
     * compare fairly where stages run one after the other would not.
     *
     * @return per case, its runs in round order
     */
    private PipelineBench.Run[][] rounds(PrintWriter out, List<String> labels, List<Case> cases,
                                         List<PipelineBench> benches) throws InterruptedException {
        for (int k = 0; k < cases.size(); k++) {
            long warmEnd = System.nanoTime() + warmup * 1_000_000_000L;
            do {
                cases.get(k).replay().run(benches.get(k));
            } while (System.nanoTime() < warmEnd);
        }
        PipelineBench.Run[][] measured = new PipelineBench.Run[cases.size()][runs];
        for (int i = 0; i < runs; i++) {
            for (int k = 0; k < cases.size(); k++) {
                PipelineBench.Run r = cases.get(k).replay().run(benches.get(k));
                measured[k][i] = r;
                out.println(line(labels.get(k), r.bars(), r.nanos(), String.format(Locale.ROOT,
                        " (%,d events%s)", r.events(), detail(r))));
                out.flush();
            }
        }
        return measured;
    }

    /** The rates (bars/s) of {@code runs}. */
    private static double[] rates(PipelineBench.Run[] runs) {
        return Arrays.stream(runs).mapToDouble(r -> r.bars() / (r.nanos() / 1e9)).toArray();
    }

    private void connector(PrintWriter out) throws Exception {
        Path folder = createTempDirectory();
        try {
            new ConnectorStage(symbols, events, rate, grace, warmup, runs, spec.commandLine().getErr())
                    .run(folder.resolve("connector.duckdb"), out);
        } finally {
            deleteRecursively(folder);
        }
    }

    /**
     * Runs the {@link #rounds} of every case, then prints each case's median and its ratios to the cases it is
     * compared with. A ratio is the median over the rounds of the two cases' rates in the same round.
     */
    private void replays(PrintWriter out, LoadBench data, List<Case> cases) throws InterruptedException {
        String size = size(data);
        List<PipelineBench> benches = cases.stream().map(c -> new PipelineBench(data)).toList();
        PipelineBench.Run[][] runsOf = rounds(out, cases.stream().map(c -> c.name() + " " + size).toList(), cases,
                benches);
        Map<String, PipelineBench.Run[]> measured = new LinkedHashMap<>();
        Map<String, double[]> rates = new LinkedHashMap<>();
        for (int k = 0; k < cases.size(); k++) {
            measured.put(cases.get(k).name(), runsOf[k]);
            rates.put(cases.get(k).name(), rates(runsOf[k]));
        }
        for (Case c : cases) {
            String name = c.name();
            PipelineBench.Run median = medianBy(List.of(measured.get(name)), PipelineBench.Run::nanos);
            StringBuilder ratios = new StringBuilder();
            List<String> denominators = name.equals(BASELINE) ? List.of()
                    : name.startsWith("end-to-end") ? List.of(BASELINE, DERIVE, DELIVER)
                    : name.equals(DELIVER) ? List.of(BASELINE, DERIVE) : List.of(BASELINE);
            for (String to : denominators) {
                if (rates.containsKey(to)) {
                    ratios.append(String.format(Locale.ROOT, "; %.2f x %s", medianRatio(rates.get(name),
                            rates.get(to)), to));
                }
            }
            if (name.equals(WITHOUT_UPKEEP)) {
                ratios.append(String.format(Locale.ROOT, "; with upkeep / without %.2f",
                        medianRatio(rates.get(WITH_UPKEEP), rates.get(name))));
            }
            out.println(line(name + " " + size, median.bars(), median.nanos(), String.format(Locale.ROOT,
                    " (median of %d%s; peak RSS so far %d MB)", runs, ratios, PipelineBench.peakRssBytes() >> 20)));
            out.flush();
        }
    }

    /** The wall time between sessions and the threads' CPU a session, where the run measured them. */
    private static String detail(PipelineBench.Run r) {
        String gap = r.betweenSessionsNanos() < 0 ? "" : String.format(Locale.ROOT, ", %.1f ms between sessions",
                r.betweenSessionsNanos() / 1e6);
        if (r.coordinatorCpuNanos() >= 0) {
            gap += String.format(Locale.ROOT, "; CPU a session: coordinator %.1f ms", r.coordinatorCpuNanos() / 1e6);
        }
        if (r.upkeepCpuNanos() >= 0) {
            gap += String.format(Locale.ROOT, ", upkeep %.1f ms", r.upkeepCpuNanos() / 1e6);
        }
        return gap;
    }

    /** The element of {@code xs} at the middle of their order by {@code key} (the upper one of an even count). */
    private static <T> T medianBy(List<T> xs, java.util.function.ToLongFunction<T> key) {
        return xs.stream().sorted(Comparator.comparingLong(key)).toList().get(xs.size() / 2);
    }

    /** The median over rounds of {@code a[i] / b[i]}. */
    static double medianRatio(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] / b[i];
        }
        Arrays.sort(r);
        return r.length % 2 == 1 ? r[r.length / 2] : (r[r.length / 2 - 1] + r[r.length / 2]) / 2;
    }

    /** Warms up, then times {@link #runs} reads of {@code n} sessions, printing each and then the median. */
    private void measure(PrintWriter out, String name, int n, IntToLongFunction read) {
        // Warm-up by time, not by count: a small read needs many more runs than a large one before it is compiled.
        long warmEnd = System.nanoTime() + warmup * 1_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            read.applyAsLong(n);
        }
        String what = String.format(Locale.ROOT, "%s %d session%s x %d symbols", name, n, n == 1 ? "" : "s", symbols);
        List<long[]> timings = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            // No System.gc() between runs: a full collection shrinks the heap, and re-growing it costs page faults
            // that belong to the JVM's sizing, not to the stage.
            long start = System.nanoTime();
            long bars = read.applyAsLong(n);
            long nanos = System.nanoTime() - start;
            timings.add(new long[] {bars, nanos});
            out.println(line(what, bars, nanos, ""));
            out.flush();
        }
        long[] median = medianBy(timings, t -> t[1]);
        out.println(line(what, median[0], median[1], " (median of " + runs + ")"));
        out.flush();
    }

    private static String line(String what, long bars, long nanos, String suffix) {
        return String.format(Locale.ROOT, "%s: %d bars in %.1f ms = %.1f M bars/s%s", what, bars, nanos / 1e6,
                bars / (nanos / 1e9) / 1e6, suffix);
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
