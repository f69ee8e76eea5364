package io.sessionflow.bench;

import io.sessionflow.store.bench.LoadBench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The benchmarks' data: {@link #size} symbols x sessions of 1m bars (by default 500 x 20, 3.9M bars; {@code -p
 * size=5000x5} for the scale case) generated into a DuckDB file in a temporary folder for the trial, removed after it.
 *
 * <p>JMH state per trial, set up and torn down on one thread.
 */
@State(Scope.Benchmark)
public class GeneratedBars {

    /** Symbols x sessions, as {@code 500x20}. */
    @Param({"500x20"})
    public String size;

    private Path dir;
    private LoadBench data;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        dir = Files.createTempDirectory("sessionflow-jmh");
        int[] symbolsBySessions = parseSize(size);
        data = LoadBench.open(dir.resolve("bench.duckdb"), symbolsBySessions[0], symbolsBySessions[1]);
    }

    /**
     * {@code 500x20} as {symbols, sessions}.
     *
     * @throws IllegalArgumentException naming {@code text} when it is not two positive numbers joined by {@code x}
     */
    static int[] parseSize(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([1-9][0-9]{0,4})x([1-9][0-9]{0,3})")
                .matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("size '" + text + "' is not symbols x sessions, such as 500x20");
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
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
