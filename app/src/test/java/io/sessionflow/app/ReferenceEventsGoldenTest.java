package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionflow.testing.ReferenceData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The safety net of the coordinator rewrite: four replays of the real reference data, run in-process through the
 * command line into fresh DuckDB stores, must write {@code --events} files byte-identical to those recorded from
 * commit 3d7181e ({@code golden/reference-events.sha256}, which also gives the commands). The events files are kept
 * in {@code target/reference-events/} so that a failure can be diffed against a recording made at 3d7181e.
 * Runs on the JUnit thread; each replay starts and joins the coordinator's two threads itself.
 */
class ReferenceEventsGoldenTest {

    private static final String GOLDEN = "/golden/reference-events.sha256";
    private static final String MARKETDATA = "marketdata";
    private static final String MINUTE_DIR = MARKETDATA + "/lean/equity/usa/minute";
    private static final String TICK_DIR = MARKETDATA + "/lean/equity/usa/tick/ibm";
    private static final String NT_SPY_CSV = MARKETDATA + "/pyalgotrade/nt-spy-minute-2011-03.csv";
    private static final Path KEPT = Path.of("target", "reference-events").toAbsolutePath();
    /** Characters of a failed command's stderr shown at the end of the failure (a replay prints a line per session). */
    private static final int ERR_TAIL = 2_000;
    /** Differing bars listed in a failure. */
    private static final int SHOWN = 20;

    /** The stores the replays read, each imported once per test class, and the import totals that pin the input. */
    private enum Store {
        MINUTE("total: 55 files, read 32873, inserted 32873, updated 0, duplicates 0, skipped 0"),
        TICKS("total: 3 files, read 119537, inserted 119537, updated 0, duplicates 0, skipped 0"),
        NT("total: 1 file, read 17577, inserted 17577, updated 0, duplicates 0, skipped 0");

        final String total;

        Store(String total) {
            this.total = total;
        }

        List<String> importArgs(Path ref, String db) {
            Path minute = ref.resolve(MINUTE_DIR);
            return switch (this) {
                case MINUTE -> List.of("import", "--format", "lean", "--db", db, minute.resolve("spy").toString(),
                        minute.resolve("ibm").toString(), minute.resolve("bac").toString(),
                        minute.resolve("aig").toString(), minute.resolve("goog").toString());
                // Minute quote bars and quote ticks share a key: the tick replay gets a store of its own.
                case TICKS -> List.of("import", "--format", "lean", "--db", db,
                        minute.resolve("ibm/20131011_trade.zip").toString(), ref.resolve(TICK_DIR).toString());
                case NT -> List.of("import", "--format", "csv", "--db", db, "--no-header", "--columns",
                        "time,open,high,low,close,volume", "--delimiter", ";", "--time-format", "yyyyMMdd HHmmss",
                        "--tz", "UTC", "--bar-label", "end", "--symbol", "SPY", ref.resolve(NT_SPY_CSV).toString());
            };
        }
    }

    /** The recorded replays, named as in the golden file. */
    enum Replay {
        LEAN_MINUTE("lean-minute", Store.MINUTE, "--symbols", "SPY,IBM,BAC,AIG,GOOG", "--from", "2013-10-04",
                "--to", "2015-12-28", "--intervals", "5,15"),
        LEAN_TICKS("lean-ticks", Store.TICKS, "--symbols", "IBM", "--from", "2013-10-11", "--to", "2013-10-11",
                "--streams", "bars,quotes,trades"),
        NT_SPY_2011_03("nt-spy-2011-03", Store.NT, "--symbols", "SPY", "--from", "2011-03-01", "--to", "2011-03-31",
                "--intervals", "5,15,30"),
        LEAN_MINUTE_DROP("lean-minute-drop", Store.MINUTE, "--symbols", "SPY,IBM,BAC,AIG,GOOG", "--from",
                "2013-10-04", "--to", "2015-12-28", "--intervals", "5,15", "--drop-rate", "0.05", "--seed", "7");

        final String goldenName;
        final Store store;
        final List<String> args;

        Replay(String goldenName, Store store, String... args) {
            this.goldenName = goldenName;
            this.store = store;
            this.args = List.of(args);
        }

        @Override
        public String toString() {
            return goldenName;
        }
    }

    /** What the golden file records of an events file. */
    record Figures(String sha256, long lines) {
        Figures {
            Objects.requireNonNull(sha256, "sha256");
        }
    }

    private record BarKey(String symbol, String interval, String start) {
        static final Comparator<BarKey> ORDER = Comparator.comparing(BarKey::symbol).thenComparing(BarKey::interval)
                .thenComparing(BarKey::start);
    }

    private record Ohlcv(double open, double high, double low, double close, long volume) {
    }

    /** The last version of every bar in an events file, with how often bars were repeated and filled. */
    private record BarVersions(Map<BarKey, Ohlcv> last, int repeated, int filled) {
    }

    @TempDir
    static Path stores;

    private static Path reference;
    private static boolean told;
    private static final Map<Store, String> imported = new EnumMap<>(Store.class);
    private static final Map<Replay, Path> replayed = new EnumMap<>(Replay.class);

    /** The reference root; skips the calling test when the data is absent, saying so once on stderr. */
    private static synchronized Path reference() {
        if (reference == null) {
            Optional<Path> root = ReferenceData.root();
            String missing = root.isEmpty() ? "../shared/reference is absent (set SESSIONFLOW_REFERENCE_DIR)"
                    : List.of(MINUTE_DIR, TICK_DIR, NT_SPY_CSV).stream().map(root.get()::resolve)
                    .filter(p -> !Files.exists(p)).findFirst().map(p -> "reference file " + p + " is absent")
                    .orElse(null);
            if (missing != null) {
                String message = "ReferenceEventsGoldenTest skipped: " + missing
                        + "; the golden events files of the coordinator rewrite are not checked";
                if (!told) {
                    told = true;
                    System.err.println(message);
                }
                Assumptions.abort(message);
            }
            reference = root.orElseThrow();
        }
        return reference;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Replay.class)
    void eventsFileIsByteIdenticalToTheRecordingOf3d7181e(Replay replay) throws IOException {
        reference();
        Figures expected = golden().get(replay.goldenName);
        assertThat(expected).as("%s has no line in %s", replay.goldenName, GOLDEN).isNotNull();
        Path events = events(replay);
        assertThat(figures(events)).as("events of %s (kept at %s) against the recording of 3d7181e; to see the "
                + "difference, record it with the commands in app/src/test/resources%s from a worktree at 3d7181e "
                + "and diff", replay.goldenName, events, GOLDEN).isEqualTo(expected);
    }

    /**
     * Dropping bars from the stream changes when bars arrive and flags them, never what they end up being: the last
     * version of every 1m and derived bar equals the replay without drops, over the same set of bars.
     */
    @Test
    void withDropsTheLastVersionOfEveryBarIsTheBarWithoutDrops() throws IOException {
        reference();
        BarVersions plain = bars(events(Replay.LEAN_MINUTE));
        BarVersions dropped = bars(events(Replay.LEAN_MINUTE_DROP));
        assertThat(plain.repeated()).as("bars delivered more than once without drops").isZero();
        assertThat(plain.filled()).as("filled bars without drops").isZero();
        assertThat(dropped.filled()).as("filled bars with --drop-rate 0.05: the drops must have happened")
                .isGreaterThan(100);

        TreeSet<BarKey> onlyPlain = sorted(plain.last().keySet());
        onlyPlain.removeAll(dropped.last().keySet());
        TreeSet<BarKey> onlyDropped = sorted(dropped.last().keySet());
        onlyDropped.removeAll(plain.last().keySet());
        assertNone("bars missing from the replay with drops", onlyPlain);
        assertNone("bars only in the replay with drops", onlyDropped);

        List<String> differing = new ArrayList<>();
        for (BarKey key : sorted(plain.last().keySet())) {
            Ohlcv want = plain.last().get(key);
            Ohlcv got = dropped.last().get(key);
            if (!want.equals(got)) {
                differing.add(key + ": without drops " + want + ", last with drops " + got);
            }
        }
        assertNone("bars (of " + plain.last().size() + ") whose last version with drops differs", differing);
    }

    /** Fails when there are items, showing how many and the first few (a broken replay can differ in thousands). */
    private static void assertNone(String what, Collection<?> items) {
        assertThat(items.size()).as("%s: %s", what, items.stream().limit(SHOWN).map(String::valueOf)
                .collect(Collectors.joining("\n  ", "\n  ", items.size() > SHOWN ? "\n  ..." : ""))).isZero();
    }

    private static TreeSet<BarKey> sorted(Set<BarKey> keys) {
        TreeSet<BarKey> sorted = new TreeSet<>(BarKey.ORDER);
        sorted.addAll(keys);
        return sorted;
    }

    private static synchronized Path events(Replay replay) {
        return replayed.computeIfAbsent(replay, r -> {
            Path file = KEPT.resolve(r.goldenName + ".jsonl");
            List<String> args = new ArrayList<>(List.of("replay", "--db", store(r.store)));
            args.addAll(r.args);
            args.addAll(List.of("--events", file.toString()));
            run(args);
            return file;
        });
    }

    private static synchronized String store(Store store) {
        return imported.computeIfAbsent(store, s -> {
            String db = stores.resolve(s.name().toLowerCase(Locale.ROOT) + ".duckdb").toString();
            CliRun run = run(s.importArgs(reference(), db));
            assertThat(run.outLines()).as("import totals of %s (has the reference data changed?)", s).last()
                    .isEqualTo(s.total);
            return db;
        });
    }

    private static CliRun run(List<String> args) {
        CliRun run = CliRun.of(args.toArray(String[]::new));
        String err = run.err();
        assertThat(run.exitCode()).as("sessionflow %s: %s", String.join(" ", args),
                err.length() > ERR_TAIL ? "..." + err.substring(err.length() - ERR_TAIL) : err).isZero();
        return run;
    }

    private static Map<String, Figures> golden() throws IOException {
        Map<String, Figures> figures = new LinkedHashMap<>();
        try (InputStream in = ReferenceEventsGoldenTest.class.getResourceAsStream(GOLDEN)) {
            assertThat(in).as(GOLDEN).isNotNull();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int n = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                assertThat(f).as("%s:%d: name sha256 lines", GOLDEN, n).hasSize(3);
                figures.put(f[0], new Figures(f[1], Long.parseLong(f[2])));
            }
        }
        return figures;
    }

    /** The SHA-256 of the file and its number of newlines (what {@code wc -l} prints). */
    private static Figures figures(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long lines = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                lines++;
            }
        }
        try {
            return new Figures(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(bytes)), lines);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static BarVersions bars(Path events) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<BarKey, Ohlcv> last = new HashMap<>();
        int repeated = 0;
        int filled = 0;
        int n = 0;
        try (BufferedReader reader = Files.newBufferedReader(events)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                n++;
                JsonNode e = json.readTree(line);
                if (!"bar".equals(e.path("type").asText())) {
                    continue;
                }
                BarKey key = new BarKey(text(e, "symbol", events, n), text(e, "interval", events, n),
                        text(e, "start", events, n));
                Ohlcv bar = new Ohlcv(number(e, "open", events, n).asDouble(), number(e, "high", events, n).asDouble(),
                        number(e, "low", events, n).asDouble(), number(e, "close", events, n).asDouble(),
                        number(e, "volume", events, n).asLong());
                if (last.put(key, bar) != null) {
                    repeated++;
                }
                if (e.path("filled").asBoolean(false)) {
                    filled++;
                }
            }
        }
        return new BarVersions(last, repeated, filled);
    }

    private static String text(JsonNode e, String field, Path file, int line) {
        JsonNode v = e.get(field);
        assertThat(v != null && v.isTextual()).as("%s:%d: %s is not a string", file, line, field).isTrue();
        return v.asText();
    }

    private static JsonNode number(JsonNode e, String field, Path file, int line) {
        JsonNode v = e.get(field);
        assertThat(v != null && v.isNumber()).as("%s:%d: %s is not a number", file, line, field).isTrue();
        return v;
    }
}
