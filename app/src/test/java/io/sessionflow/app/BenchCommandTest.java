package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        assertThat(lines).hasSize(18);
        assertThat(lines).allMatch(l -> l.matches("load (duckdb-arrow|jdbc-resultset|session splits) [12] sessions? "
                + "x 3 symbols: "
                + "\\d+ bars in [\\d.]+ ms = [\\d.]+ M bars/s( \\(median of 2\\))?"));
        assertThat(lines.get(0)).startsWith("load duckdb-arrow 1 session x 3 symbols: 1170 bars in ");
        assertThat(lines).anyMatch(l -> l.startsWith("load jdbc-resultset 2 sessions x 3 symbols: 2340 bars in "));
        assertThat(lines).as("every bar read makes it into the splits, in both sizes")
                .anyMatch(l -> l.startsWith("load session splits 1 session x 3 symbols: 1170 bars in "))
                .anyMatch(l -> l.startsWith("load session splits 2 sessions x 3 symbols: 2340 bars in "));
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void replayStagesRunInRoundsWithTheBaselineAndPrintTheirRatiosToIt() {
        int code = run("bench", "--stage", "derive,end-to-end", "--symbols", "3", "--sessions", "2", "--warmup", "0",
                "--runs", "2", "--dir", dir.toString());

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(12);
        // Two rounds of one replay of each case in turn, then each case's median line.
        for (int round = 0; round < 2; round++) {
            List<String> r = lines.subList(4 * round, 4 * round + 4);
            // 3 symbols x 2 sessions x 390 1m bars; 78 5m and 26 15m windows a symbol and session. The baseline
            // builds as many derived bars as the coordinator, which also counts the session starts and ends.
            assertThat(r.get(0)).startsWith("baseline 2 sessions x 3 symbols: 2340 bars in ")
                    .endsWith("(2,964 events)");
            assertThat(r.get(1)).startsWith("merge+derive 5m,15m 2 sessions x 3 symbols: 2340 bars in ")
                    .endsWith("(2,968 events)");
            assertThat(r.get(2)).startsWith("end-to-end with upkeep 2 sessions x 3 symbols: 2340 bars in ")
                    .containsPattern("\\(2,968 events, [\\d.]+ ms between sessions; CPU a session: coordinator "
                            + "[\\d.]+ ms, upkeep [\\d.]+ ms\\)");
            assertThat(r.get(3)).as("the coordinator loads each session itself: no upkeep thread")
                    .startsWith("end-to-end without upkeep ")
                    .containsPattern("ms between sessions; CPU a session: coordinator [\\d.]+ ms\\)");
        }
        assertThat(lines.get(8)).startsWith("baseline ").contains("(median of 2; peak RSS so far ");
        assertThat(lines.get(9)).startsWith("merge+derive 5m,15m ")
                .containsPattern("\\(median of 2; [\\d.]+ x baseline; peak RSS so far \\d+ MB\\)");
        assertThat(lines.get(10)).startsWith("end-to-end with upkeep ")
                .containsPattern("[\\d.]+ x baseline; [\\d.]+ x merge\\+derive 5m,15m; peak RSS");
        assertThat(lines.get(11)).startsWith("end-to-end without upkeep ")
                .containsPattern("x merge\\+derive 5m,15m; with upkeep / without [\\d.]+; peak RSS");
    }

    @Test
    void aStageAskedTwiceRunsOnce() {
        int code = run("bench", "--stage", "derive,DERIVE", "--symbols", "3", "--sessions", "2", "--warmup", "0",
                "--runs", "1", "--dir", dir.toString());

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines).filteredOn(l -> l.startsWith("merge+derive 5m,15m ")).hasSize(2);
    }

    @Test
    void aRatioIsTheMedianOfTheRoundsRatios() {
        // Rounds whose speeds drift: each round's ratio is 2 or 3, whatever the medians of the rates would say.
        assertThat(BenchCommand.medianRatio(new double[] {2, 30, 600}, new double[] {1, 10, 300})).isEqualTo(2);
        assertThat(BenchCommand.medianRatio(new double[] {2, 30}, new double[] {1, 10})).isEqualTo(2.5);
    }

    @Test
    void theDeliverStageIsDeriveWithTheSubscriberAndEndToEndPrintsItsRatioToIt() {
        int code = run("bench", "--stage", "derive,deliver,end-to-end", "--symbols", "3", "--sessions", "2",
                "--warmup", "0", "--runs", "1", "--dir", dir.toString());

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(10);
        assertThat(lines.get(2)).startsWith("merge+derive 5m,15m to a subscriber 2 sessions x 3 symbols: 2340 bars in ")
                .endsWith("(2,968 events)");
        assertThat(lines.get(7)).startsWith("merge+derive 5m,15m to a subscriber ")
                .containsPattern("[\\d.]+ x baseline; [\\d.]+ x merge\\+derive 5m,15m; peak RSS");
        assertThat(lines.get(8)).containsPattern("[\\d.]+ x merge\\+derive 5m,15m; [\\d.]+ x merge\\+derive 5m,15m "
                + "to a subscriber; peak RSS");
    }

    @Test
    void scaleRunsEndToEndOnBothDataInRoundsAndPrintsTheLargersRatioToTheSmallers() throws Exception {
        Path scale = dir.resolve("scale.duckdb");
        int code = run("bench", "--stage", "scale", "--symbols", "3", "--sessions", "2", "--scale-symbols", "6",
                "--scale-sessions", "1", "--warmup", "0", "--runs", "3", "--dir", dir.toString(), "--scale-data",
                scale.toString());

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("generating 1 sessions x 6 symbols");
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(7);
        for (int round = 0; round < 3; round++) {
            assertThat(lines.get(2 * round)).as("round %d, the smaller data first", round)
                    .startsWith("scale end-to-end with upkeep 2 sessions x 3 symbols: 2340 bars in ")
                    .contains("CPU a session: coordinator ");
            assertThat(lines.get(2 * round + 1))
                    .startsWith("scale end-to-end with upkeep 1 session x 6 symbols: 2340 bars in ");
        }
        Matcher ratio = Pattern.compile("scale end-to-end with upkeep 1 session x 6 symbols / 2 sessions x 3 symbols: "
                + "([\\d.]+) \\(median of 3 rounds; peak RSS so far \\d+ MB\\)").matcher(lines.get(6));
        assertThat(ratio.matches()).as(lines.get(6)).isTrue();
        assertThat(Double.parseDouble(ratio.group(1))).isPositive();
        assertThat(scale).as("kept, as asked").exists();
        try (var left = Files.list(dir)) {
            assertThat(left).as("only the kept file: the smaller data's temporary folder is gone")
                    .containsExactly(scale);
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
    void connectorDeliversEveryEventSentAndPrintsOrderedPercentiles() throws Exception {
        // A short grace (the hold for frames out of order) keeps the test short; the product's is 2 s.
        int code = run("bench", "--stage", "connector", "--symbols", "3", "--events", "600", "--rate", "600",
                "--grace", "500ms", "--warmup", "0", "--runs", "1", "--dir", dir.toString());

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(5);
        // A run that does not deliver every event sent fails: 600 trades and quotes and 3 x 2 bars reached the
        // listener, and each trade and quote was timed from its frame.
        assertThat(lines.get(0)).matches("connector flood 3 symbols: 606 messages in [\\d.]+ ms = [\\d.]+ M "
                + "messages/s; the server played them in [\\d.]+ ms \\([\\d.]+ M/s\\) and sent \\d+ frames .*; cpu s server [\\d.]+ "
                + "socket\\+decode [\\d.]+ feed [\\d.]+ coordinator [\\d.]+ other [\\d.]+; late \\d+");
        assertThat(lines.get(1)).matches("connector decode-only: 600 messages in [\\d.]+ ms = [\\d.]+ M messages/s "
                + "\\(AlpacaCodec.decode of 1 frames, one thread\\)");
        assertThat(lines.get(2)).startsWith("connector latency 3 symbols at 600 messages/s: 600 trades and quotes "
                + "timed, frame received -> listener p50 ");
        assertThat(lines.get(3)).startsWith("connector flood 3 symbols: ").contains("(median of 1, ");
        assertThat(lines.get(4)).startsWith("connector latency 3 symbols at 600 messages/s: ")
                .contains("(medians of 1)");
        for (String line : List.of(lines.get(2), lines.get(4))) {
            List<Double> total = millis(line, "frame received -> listener p50 ");
            List<Double> beyond = millis(line, "beyond the 500 ms hold p50 ");
            assertThat(total).as(line).hasSize(4).isSorted().allMatch(v -> v > 0);
            assertThat(beyond).as(line).hasSize(4).isSorted().allMatch(v -> v >= 0);
        }
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    /** The four times p50, p90, p99, max (in ms) that follow {@code label} in {@code line}. */
    private static List<Double> millis(String line, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "([\\d.]+) ms, p90 ([\\d.]+) ms, p99 ([\\d.]+) ms, max "
                + "([\\d.]+) ms").matcher(line);
        assertThat(m.find()).as("%s in %s", label, line).isTrue();
        return List.of(Double.valueOf(m.group(1)), Double.valueOf(m.group(2)), Double.valueOf(m.group(3)),
                Double.valueOf(m.group(4)));
    }

    @Test
    void anUnknownStageIsBadUsage() {
        assertThat(run("bench", "--stage", "warp")).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'warp' is not a stage; known: " + STAGE_ORDER)
                .doesNotContain("Exception");
    }

    /** The stages in the order the help lists them; the error of an unknown stage lists them so too. */
    private static final String STAGE_ORDER = "load, baseline, merge, derive, deliver, end-to-end, memory, scale, "
            + "connector";

    @Test
    void theHelpListsTheStagesInTheOrderTheErrorDoes() {
        assertThat(run("bench", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ")).contains("known: " + STAGE_ORDER);
    }

    @Test
    void impossibleSizesAreBadUsage() {
        assertThat(run("bench", "--symbols", "0")).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--symbols 0 --sessions 20: symbols must be 1..10000 and sessions 1..250");
        assertThat(run("bench", "--stage", "scale", "--scale-sessions", "251")).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--scale-symbols 5000 --scale-sessions 251: symbols must be 1..10000 and sessions 1..250");
        assertThat(run("bench", "--runs", "0")).isEqualTo(Main.USAGE);
        assertThat(run("bench", "--stage", "connector", "--symbols", "10", "--events", "19")).isEqualTo(Main.USAGE);
        assertThat(run("bench", "--stage", "connector", "--rate", "0")).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--events 19").contains("--rate 0.0");
    }
}
