package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void loadPrintsOneLinePerMeasurementAndCleansUp() throws Exception {
        int code = run("bench", "--stage", "load", "--symbols", "3", "--sessions", "2", "--warmup", "0", "--runs",
                "2", "--dir", dir.toString());

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(12);
        assertThat(lines).allMatch(l -> l.matches("load (duckdb-arrow|jdbc-resultset) [12] sessions? x 3 symbols: "
                + "\\d+ bars in [\\d.]+ ms = [\\d.]+ M bars/s( \\(median of 2\\))?"));
        assertThat(lines.get(0)).startsWith("load duckdb-arrow 1 session x 3 symbols: 1170 bars in ");
        assertThat(lines).anyMatch(l -> l.startsWith("load jdbc-resultset 2 sessions x 3 symbols: 2340 bars in "));
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void dataKeptWithDataIsReusedAndOtherDataIsRefused() {
        String file = dir.resolve("bench.duckdb").toString();
        String[] args = {"bench", "--symbols", "2", "--sessions", "1", "--warmup", "0", "--runs", "1", "--data", file};

        assertThat(run(args)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("generating");
        err.reset();
        assertThat(run(args)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("generating");
        args[2] = "1";
        assertThat(run(args)).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("does not hold the bench data of 1 symbols");
    }

    @Test
    void anUnknownStageIsBadUsage() {
        assertThat(run("bench", "--stage", "warp")).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'warp' is not a stage; known: load")
                .doesNotContain("Exception");
    }

    @Test
    void impossibleSizesAreBadUsage() {
        assertThat(run("bench", "--symbols", "0")).isEqualTo(Main.USAGE);
        assertThat(run("bench", "--runs", "0")).isEqualTo(Main.USAGE);
    }
}
