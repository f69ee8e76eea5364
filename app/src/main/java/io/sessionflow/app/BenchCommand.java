package io.sessionflow.app;

import io.sessionflow.store.bench.LoadBench;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
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
        description = "Measure the throughput of a stage (load: bulk reads from an embedded DuckDB file, Arrow "
                + "export vs a plain JDBC ResultSet) on generated data; one line per measurement in bars/s.")
final class BenchCommand implements Callable<Integer> {

    /** A measurable stage: runs its measurements and prints a line for each. */
    @FunctionalInterface
    private interface Stage {
        void run(BenchCommand options, PrintWriter out) throws IOException;
    }

    private static final Map<String, Stage> STAGES = new LinkedHashMap<>();

    static {
        STAGES.put("load", BenchCommand::load);
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--stage", paramLabel = "STAGE", split = ",", defaultValue = "load",
            description = "Stages to measure, comma-separated (default ${DEFAULT-VALUE}; known: load).")
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

    @Option(names = "--runs", defaultValue = "5", description = "Measured runs of each case (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--dir", paramLabel = "FOLDER", description = "Where the temporary data goes (default: the "
            + "system's temporary folder); removed afterwards.")
    Path dir;

    @Option(names = "--data", paramLabel = "FILE", description = "Keep the generated data in this DuckDB file and "
            + "reuse it when it exists (a later run then measures a process that has only read).")
    Path data;

    @Override
    public Integer call() throws IOException {
        for (String s : stages) {
            if (!STAGES.containsKey(s.toLowerCase(Locale.ROOT))) {
                throw new UsageException("--stage '" + s + "' is not a stage; known: " + String.join(", ",
                        STAGES.keySet()));
            }
        }
        if (symbols < 1 || symbols > 10_000 || sessions < 1 || sessions > 250) {
            throw new UsageException("--symbols " + symbols + " --sessions " + sessions
                    + ": symbols must be 1..10000 and sessions 1..250");
        }
        if (runs < 1 || warmup < 0) {
            throw new UsageException("--runs " + runs + " --warmup " + warmup + ": need at least one run and a "
                    + "warm-up of 0 seconds or more");
        }
        PrintWriter out = spec.commandLine().getOut();
        for (String s : stages) {
            STAGES.get(s.toLowerCase(Locale.ROOT)).run(this, out);
        }
        return Main.OK;
    }

    private static void load(BenchCommand o, PrintWriter out) throws IOException {
        Path folder = o.data != null ? null : o.dir == null ? Files.createTempDirectory("sessionflow-bench")
                : Files.createTempDirectory(Files.createDirectories(o.dir), "sessionflow-bench");
        Path file = folder == null ? o.data : folder.resolve("bench.duckdb");
        try {
            if (!Files.exists(file)) {
                PrintWriter err = o.spec.commandLine().getErr();
                err.printf("bench: generating %d sessions x %d symbols of 1m bars in %s%n", o.sessions, o.symbols,
                        file);
                err.flush();
            }
            try (LoadBench bench = LoadBench.open(file, o.symbols, o.sessions)) {
                List<Integer> sizes = o.sessions == 1 ? List.of(1) : List.of(1, o.sessions);
                for (int n : sizes) {
                    o.measure(out, "load duckdb-arrow", n, bench::readArrow);
                    o.measure(out, "load jdbc-resultset", n, bench::readPlainJdbc);
                }
            }
        } finally {
            if (folder != null) {
                deleteRecursively(folder);
            }
        }
    }

    /** Warms up, then times {@link #runs} reads of {@code n} sessions, printing each and then the median. */
    private void measure(PrintWriter out, String name, int n, IntFunction<List<?>> read) {
        // Warm-up by time, not by count: a small read needs many more runs than a large one before it is compiled.
        long warmEnd = System.nanoTime() + warmup * 1_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            read.apply(n);
        }
        String what = String.format(Locale.ROOT, "%s %d session%s x %d symbols", name, n, n == 1 ? "" : "s", symbols);
        List<long[]> timings = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            // No System.gc() between runs: a full collection shrinks the heap, and re-growing it costs page faults
            // that belong to the JVM's sizing, not to the stage.
            long start = System.nanoTime();
            int bars = read.apply(n).size();
            long nanos = System.nanoTime() - start;
            timings.add(new long[] {bars, nanos});
            out.println(line(what, bars, nanos, ""));
            out.flush();
        }
        timings.sort(Comparator.comparingLong(t -> t[1]));
        long[] median = timings.get(timings.size() / 2);
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
