package io.sessionflow.bench;

import io.sessionflow.store.bench.LoadBench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The benchmarks' data: 500 symbols x 20 sessions of 1m bars (3.9M bars) generated into a DuckDB file in a temporary
 * folder for the trial, removed after it.
 *
 * <p>JMH state per trial, set up and torn down on one thread.
 */
@State(Scope.Benchmark)
public class GeneratedBars {

    static final int SYMBOLS = 500;
    static final int SESSIONS = 20;

    private Path dir;
    private LoadBench data;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        dir = Files.createTempDirectory("sessionflow-jmh");
        data = LoadBench.open(dir.resolve("bench.duckdb"), SYMBOLS, SESSIONS);
    }

    /** The generated data, open. */
    LoadBench data() {
        return data;
    }

    @TearDown(Level.Trial)
    public void remove() throws IOException {
        data.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
