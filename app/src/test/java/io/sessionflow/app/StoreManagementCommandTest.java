package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.store.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code coverage} and {@code export} on real DuckDB files, and the refusal of a store that does not exist. */
class StoreManagementCommandTest {

    private static final List<Symbol> SYMBOLS = List.of(Symbol.of("SYM001"), Symbol.of("SYM002"),
            Symbol.of("SYM003"));
    private static final TimeRange ALL = new TimeRange(Instant.parse("2025-01-01T00:00:00Z"),
            Instant.parse("2026-01-01T00:00:00Z"));

    @TempDir
    Path dir;

    private Path db;

    @BeforeEach
    void generate() {
        db = dir.resolve("store.duckdb");
        // 2025-11-24..26 full sessions, 27 Thanksgiving, 28 early close: 4 sessions, 1,380 minutes; SYM002 illiquid.
        CliRun run = CliRun.of("generate", "--db", db.toString(), "--symbols", "3", "--from", "2025-11-24", "--to",
                "2025-11-28", "--gap-rate", "0.05", "--seed", "3");
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void coverageCountsRowsSessionsAndGapsPerSymbolAndKind() {
        CliRun run = CliRun.of("coverage", "--db", db.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.outLines();
        assertThat(lines.get(0).split("\\s+")).containsExactly("symbol", "kind", "first", "last", "rows", "outside",
                "sessions", "gaps");
        assertThat(lines.get(2).split("\\s+")).containsExactly("SYM001", "bars", "1m", "2025-11-24", "2025-11-28",
                "1,380", "0", "4", "0");
        String[] illiquid = lines.get(3).split("\\s+");
        assertThat(illiquid[0]).isEqualTo("SYM002");
        long rows = Long.parseLong(illiquid[5].replace(",", ""));
        assertThat(rows).isBetween(1_200L, 1_379L);
        assertThat(illiquid[8]).isEqualTo(String.valueOf(gapSessions("SYM002")));
        assertThat(lines.get(lines.size() - 1)).startsWith("total: 3 symbols, 1 kind, " + String.format("%,d",
                2 * 1_380 + rows) + " rows (0 outside sessions), " + illiquid[8] + " sessions with gaps");
    }

    @Test
    void coverageOfARangeAndSymbolsAsCsvAndJson() {
        CliRun csv = CliRun.of("coverage", "--db", db.toString(), "--symbols", "sym001", "--from", "2025-11-25",
                "--to", "2025-11-26", "--format", "csv");
        assertThat(csv.exitCode()).as(csv.err()).isZero();
        assertThat(csv.outLines()).containsExactly("symbol,kind,first,last,rows,outside,sessions,gaps",
                "SYM001,bars 1m,2025-11-25,2025-11-26,780,0,2,0");
        CliRun json = CliRun.of("coverage", "--db", db.toString(), "--symbols", "SYM001", "--format", "json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(json.out()).contains("\"symbol\" : \"SYM001\"", "\"rows\" : 1380", "\"gaps\" : 0",
                "\"total\"");
        CliRun unknown = CliRun.of("coverage", "--db", db.toString(), "--symbols", "SPY");
        assertThat(unknown.exitCode()).isEqualTo(Main.USAGE);
        assertThat(unknown.errLines()).hasSize(1).first().asString().contains("no data in", "for SPY");
    }

    @Test
    void exportThenImportGivesIdenticalBars() throws IOException {
        for (String name : List.of("bars.csv", "bars.parquet")) {
            Path file = dir.resolve(name);
            CliRun export = CliRun.of("export", "--db", db.toString(), "--out", file.toString());
            assertThat(export.exitCode()).as(export.err()).isZero();
            assertThat(export.outLines()).singleElement().asString().startsWith("wrote ")
                    .contains("rows of bars 1m to " + file.toAbsolutePath().normalize());
            Path copy = dir.resolve(name + ".duckdb");
            CliRun load = CliRun.of("import", "--db", copy.toString(), "--format",
                    name.endsWith(".csv") ? "csv" : "parquet", file.toString());
            assertThat(load.exitCode()).as(load.err()).isZero();
            assertThat(bars(copy)).as(name).isEqualTo(bars(db));
        }
        assertThat(Files.readAllLines(dir.resolve("bars.csv")).subList(0, 2)).first()
                .isEqualTo("symbol,timestamp,open,high,low,close,volume,trade_count,vwap");
        assertThat(Files.readAllLines(dir.resolve("bars.csv")).get(1)).startsWith("SYM001,2025-11-24T14:30:00Z,");
    }

    @Test
    void exportSelectsSymbolsAndDatesAndRefusesToOverwriteWithoutForce() throws IOException {
        Path file = dir.resolve("it's; DROP TABLE bars; --.csv");
        CliRun export = CliRun.of("export", "--db", db.toString(), "--out", file.toString(), "--symbols", "SYM001",
                "--from", "2025-11-28", "--to", "2025-11-28");
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(Files.readAllLines(file)).hasSize(1 + 210);
        Files.writeString(file, "keep");
        CliRun again = CliRun.of("export", "--db", db.toString(), "--out", file.toString());
        assertThat(again.exitCode()).isEqualTo(Main.USAGE);
        assertThat(again.errLines()).containsExactly("sessionflow export: --out " + file
                + " exists (--force replaces it)");
        assertThat(Files.readString(file)).isEqualTo("keep");
        CliRun forced = CliRun.of("export", "--db", db.toString(), "--out", file.toString(), "--force",
                "--symbols", "SYM003");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(Files.readAllLines(file)).hasSize(1 + 1_380);
        assertThat(bars(db).size()).isGreaterThan(2_000);  // the quoted path reached no SQL
        CliRun unknown = CliRun.of("export", "--db", db.toString(), "--out", dir.resolve("x.csv").toString(),
                "--symbols", "SPY");
        assertThat(unknown.exitCode()).isEqualTo(Main.USAGE);
        assertThat(unknown.errLines()).singleElement().asString().contains("no bars 1m in", "for SPY");
        CliRun interval = CliRun.of("export", "--db", db.toString(), "--out", dir.resolve("x.csv").toString(),
                "--kind", "quotes", "--interval", "5m");
        assertThat(interval.exitCode()).isEqualTo(Main.USAGE);
        assertThat(dir.resolve("x.csv")).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void readingCommandsRefuseAStoreThatDoesNotExistAndCreateNothing() {
        Path missing = dir.resolve("nonexist").resolve("y.duckdb");
        List<List<String>> commands = List.of(
                List.of("replay", "--symbols", "SPY", "--from", "2013-10-07", "--to", "2013-10-08"),
                List.of("gaps", "--symbols", "SPY", "--from", "2013-10-07", "--to", "2013-10-08"),
                List.of("coverage"),
                List.of("export", "--out", dir.resolve("out.parquet").toString()));
        for (List<String> command : commands) {
            String name = command.get(0);
            String[] args = java.util.stream.Stream.concat(command.stream(), java.util.stream.Stream.of("--db",
                    missing.toString())).toArray(String[]::new);
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(name).isEqualTo(Main.USAGE);
            assertThat(run.errLines()).as(name).containsExactly("sessionflow " + name + ": --db " + missing
                    + " does not exist (" + name + " reads an existing store; create one with import, generate or "
                    + "demo)");
        }
        assertThat(dir.resolve("nonexist")).doesNotExist();
        assertThat(dir.resolve("out.parquet")).doesNotExist();
    }

    /** Sessions of {@code symbol} in which {@code gaps} reports missing minutes. */
    private long gapSessions(String symbol) {
        CliRun gaps = CliRun.of("gaps", "--db", db.toString(), "--symbols", symbol, "--from", "2025-11-24", "--to",
                "2025-11-28");
        assertThat(gaps.exitCode()).as(gaps.err()).isZero();
        return gaps.outLines().stream().skip(2).map(l -> l.split("\\s+")).filter(c -> c.length == 6)
                .filter(c -> !c[4].equals("0")).count();
    }

    private static List<Bar> bars(Path file) {
        try (MarketDataStore store = Stores.openExisting(file.toString())) {
            BarSeries series = store.readBars(SYMBOLS, Interval.ONE_MINUTE, ALL);
            return IntStream.range(0, series.size()).mapToObj(series::get).toList();
        }
    }
}
