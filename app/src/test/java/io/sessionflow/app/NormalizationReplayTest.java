package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionflow.testing.ReferenceData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay --normalization} over AAPL's 7:1 split (2014-06-05..09, the real LEAN files) through the command
 * line: raw with factors writes the very events file of a run without them; split-adjusted bar lines say so and carry
 * the adjusted prices, 06-09's lines are raw but marked. Runs on the JUnit thread.
 */
class NormalizationReplayTest {

    private static final String MINUTE = "marketdata/lean/equity/usa/minute/aapl";
    private static final String FACTORS = "marketdata/lean/equity/usa/factor_files";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static String db;
    private static Path factors;

    @BeforeAll
    static void importAapl() {
        Path minute = ReferenceData.require(MINUTE);
        factors = ReferenceData.require(FACTORS);
        db = dir.resolve("aapl.duckdb").toString();
        List<String> args = new ArrayList<>(List.of("import", "--format", "lean", "--db", db));
        for (String day : List.of("20140605", "20140606", "20140609")) {
            args.add(minute.resolve(day + "_trade.zip").toString());
        }
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    private static List<String> replay(String name, String... extra) throws IOException {
        Path events = dir.resolve(name + ".jsonl");
        List<String> args = new ArrayList<>(List.of("replay", "--db", db, "--symbols", "AAPL", "--from",
                "2014-06-05", "--to", "2014-06-09", "--intervals", "5", "--events", events.toString()));
        args.addAll(List.of(extra));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Files.readAllLines(events);
    }

    @Test
    void rawWithFactorsIsByteIdenticalToARunWithoutThemBesideTheSplitLine() throws IOException {
        List<String> without = replay("plain");
        List<String> raw = replay("raw", "--factor-files", factors.toString(), "--normalization", "raw");
        String split = "{\"type\":\"split\",\"symbol\":\"AAPL\",\"ex_date\":\"2014-06-09\",\"value\":7}";
        assertThat(raw).filteredOn(l -> !l.equals(split)).isEqualTo(without);
        assertThat(raw).containsOnlyOnce(split);
        assertThat(String.join("\n", raw)).doesNotContain("normalization");
        // the split line follows 06-09's session start and precedes its first bar
        int at = raw.indexOf(split);
        assertThat(raw.get(at - 1)).contains("\"type\":\"session_start\"").contains("2014-06-09");
        assertThat(raw.get(at + 1)).contains("\"type\":\"bar\"").contains("\"start\":\"2014-06-09T13:30:00Z\"");
        // without factors there is no such line
        assertThat(without).noneMatch(l -> l.contains("\"type\":\"split\""));
    }

    @Test
    void theFactorsImportedIntoTheStoreAdjustLikeTheFilesThemselves() throws IOException {
        String stored = dir.resolve("with-factors.duckdb").toString();
        Path minute = ReferenceData.require(MINUTE);
        CliRun imported = CliRun.of("import", "--format", "lean", "--db", stored,
                minute.resolve("20140605_trade.zip").toString(), minute.resolve("20140606_trade.zip").toString(),
                minute.resolve("20140609_trade.zip").toString(), factors.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.outLines()).anyMatch(l -> l.contains("factor rows of AAPL"));
        List<String> fromFiles = replay("from-files", "--factor-files", factors.toString(), "--normalization",
                "adjusted");
        Path events = dir.resolve("from-store.jsonl");
        CliRun run = CliRun.of("replay", "--db", stored, "--symbols", "AAPL", "--from", "2014-06-05", "--to",
                "2014-06-09", "--intervals", "5", "--events", events.toString(), "--normalization", "adjusted");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllLines(events)).isEqualTo(fromFiles);
        assertThat(fromFiles).anyMatch(l -> l.contains("\"normalization\":\"adjusted\""));
    }

    @Test
    void splitAdjustedLinesSayTheirModeAndCarryTheAdjustedPrices() throws IOException {
        List<String> raw = replay("plain-for-split");
        List<String> split = replay("split", "--factor-files", factors.toString(), "--normalization",
                "split-adjusted");
        split = split.stream().filter(l -> !l.contains("\"type\":\"split\"")).toList();
        assertThat(split).hasSameSizeAs(raw);
        double multiplier = 0.0357143 / 0.25;
        int bars = 0;
        for (int i = 0; i < raw.size(); i++) {
            JsonNode want = JSON.readTree(raw.get(i));
            JsonNode got = JSON.readTree(split.get(i));
            if (!want.path("type").asText().equals("bar")) {
                assertThat(got).isEqualTo(want);
                continue;
            }
            bars++;
            assertThat(got.path("normalization").asText()).isEqualTo("split-adjusted");
            boolean beforeSplit = want.path("start").asText().compareTo("2014-06-09") < 0;
            if (want.path("interval").asText().equals("1m")) {
                double m = beforeSplit ? multiplier : 1;
                assertThat(got.path("close").asDouble()).as(raw.get(i))
                        .isEqualTo(want.path("close").asDouble() * m);
            }
        }
        assertThat(bars).isEqualTo(390 * 3 + 78 * 3);
    }

    @Test
    void onTheFactorFilesBasisPricesAreLeansRawTimesTheRowInForce() throws IOException {
        List<String> raw = replay("plain-for-lean");
        List<String> lean = replay("lean-basis", "--factor-files", factors.toString(), "--normalization",
                "split-adjusted", "--adjustment-basis", "factor-file");
        List<JsonNode> rawBars = oneMinuteBars(raw);
        List<JsonNode> leanBars = oneMinuteBars(lean);
        assertThat(leanBars).hasSameSizeAs(rawBars).hasSize(3 * 390);
        for (int i = 0; i < rawBars.size(); i++) {
            String start = rawBars.get(i).get("start").asText();
            // AAPL's rows in force: 20140606 (split factor 0.0357143) for 06-05 and 06-06, 20140806 (0.25) for 06-09;
            // the file's latest row has factor 1, so nothing is divided out
            double factor = start.startsWith("2014-06-09") ? 0.25 : 0.0357143;
            assertThat(leanBars.get(i).get("start").asText()).isEqualTo(start);
            assertThat(leanBars.get(i).get("open").asDouble()).as(start)
                    .isEqualTo(rawBars.get(i).get("open").asDouble() * factor);
            assertThat(leanBars.get(i).get("normalization").asText()).isEqualTo("split-adjusted");
        }
        CliRun bad = CliRun.of("replay", "--db", db, "--symbols", "AAPL", "--from", "2014-06-05", "--to", "2014-06-09",
                "--adjustment-basis", "latest");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("adjustment basis 'latest' is not run-end or factor-file");
    }

    private static List<JsonNode> oneMinuteBars(List<String> lines) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : lines) {
            JsonNode e = JSON.readTree(line);
            if (e.get("type").asText().equals("bar") && e.get("interval").asText().equals("1m")) {
                out.add(e);
            }
        }
        return out;
    }
}
