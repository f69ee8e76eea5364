package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.testing.InMemoryStore;
import io.sessionflow.testing.ReferenceData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCommandTest {

    private final InMemoryStore store = new InMemoryStore();

    @Test
    void importsPyalgotradeWithTheDocumentedFlagsAndReimportsAsANoOp() {
        String nt = ReferenceData.require("marketdata/pyalgotrade/nt-spy-minute-2011.csv").toString();
        String[] args = {"import", "--format", "csv", "--no-header", "--columns", "time,open,high,low,close,volume",
            "--delimiter", ";", "--time-format", "yyyyMMdd HHmmss", "--tz", "UTC", "--bar-label", "end",
            "--symbol", "spy", "--db", "test.duckdb", nt};
        CommandRun first = CommandRun.of(store, args);
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.opened()).containsExactly("test.duckdb");
        assertThat(first.outLines()).containsExactly(
                nt + ": 1m bars of SPY (symbol from --symbol): read 14180, inserted 14180, updated 0, duplicates 0, "
                        + "skipped 0",
                "total: 1 file, read 14180, inserted 14180, updated 0, duplicates 0, skipped 0");
        assertThat(first.errLines()).singleElement().asString().matches("done: 14180 rows in [0-9.]+ s \\(\\d+ rows/s\\)");

        CommandRun again = CommandRun.of(store, args);
        assertThat(again.exit()).isZero();
        assertThat(again.outLines()).last().isEqualTo("total: 1 file, read 14180, inserted 0, updated 0, "
                + "duplicates 14180, skipped 0; nothing changed, every row was already stored");
    }

    @Test
    void importsLumibotFilesWithoutFlags() {
        Path iex = ReferenceData.require("marketdata/lumibot/alpaca_v1_iex_1m_2021");
        CommandRun run = CommandRun.of(store, "import", "--format", "CSV", iex.resolve("SPY_Minute_2021.csv").toString(),
                iex.resolve("SRNE_Minute.csv").toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.outLines()).containsExactly(
                iex.resolve("SPY_Minute_2021.csv") + ": 1m bars of SPY (symbol from file name): read 12131, "
                        + "inserted 12131, updated 0, duplicates 0, skipped 0",
                iex.resolve("SRNE_Minute.csv") + ": 1m bars of SRNE (symbol from file name): read 5745, "
                        + "inserted 5745, updated 0, duplicates 0, skipped 0",
                "total: 2 files, read 17876, inserted 17876, updated 0, duplicates 0, skipped 0");
    }

    @Test
    void importsLeanFoldersAndTicks() {
        Path shy = ReferenceData.require("marketdata/lean/equity/usa/minute/shy");
        Path ticks = ReferenceData.require("marketdata/lean/equity/usa/tick/ibm");
        CommandRun run = CommandRun.of(store, "import", "--format", "lean", shy.toString(), ticks.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.outLines()).containsExactly(
                shy.resolve("20080307_quote.zip") + ": 1m quote bars of SHY (symbol from "
                        + "path): read 447, inserted 447, updated 0, duplicates 0, skipped 0",
                shy.resolve("20080307_trade.zip") + ": 1m bars of SHY (symbol from path): read 336, inserted 336, "
                        + "updated 0, duplicates 0, skipped 0",
                shy.resolve("20080310_quote.zip") + ": 1m quote bars of SHY (symbol from "
                        + "path): read 463, inserted 463, updated 0, duplicates 0, skipped 0",
                shy.resolve("20080310_trade.zip") + ": 1m bars of SHY (symbol from path): read 316, inserted 316, "
                        + "updated 0, duplicates 0, skipped 0",
                ticks.resolve("20131011_quote.zip") + ": quote ticks of IBM (symbol from path): read 99852, "
                        + "inserted 99852, updated 0, duplicates 0, skipped 0",
                ticks.resolve("20131011_trade.zip") + ": trade ticks of IBM (symbol from path): read 19264, "
                        + "inserted 19264, updated 0, duplicates 0, skipped 0",
                "total: 6 files, read 120678, inserted 120678, updated 0, duplicates 0, skipped 0");
    }

    @Test
    void aBadRowExitsTwoWithFileAndLineAndWritesNothing(@TempDir Path dir) throws IOException {
        Path aapl = ReferenceData.require("marketdata/lumibot/yahoo_1m_2021-08/AAPL_Minute.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(aapl));
        lines.set(4, "2021-08-23 09:32:00-04:00,148.5,NaN,148.4,148.6,100");
        Path broken = Files.write(dir.resolve("AAPL_Minute.csv"), lines);

        CommandRun failed = CommandRun.of(store, "import", "--format", "csv", broken.toString());
        assertThat(failed.exit()).isEqualTo(2);
        assertThat(failed.out()).isEmpty();
        assertThat(failed.errLines()).containsExactly("sessionflow import: " + broken + ":5: high is NaN");
        assertThat(failed.opened()).as("the store is not even opened").isEmpty();
        assertThat(store.barCoverage()).isEmpty();

        CommandRun skipped = CommandRun.of(store, "import", "--format", "csv", "--skip-bad", broken.toString());
        assertThat(skipped.exit()).isZero();
        assertThat(skipped.errLines()).first().isEqualTo("skipped " + broken + ":5: high is NaN");
        assertThat(skipped.outLines()).last()
                .isEqualTo("total: 1 file, read 1167, inserted 1166, updated 0, duplicates 0, skipped 1");
    }

    @Test
    void badUsageAndInputExitTwoOnOneLine(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("X.csv"), "time,open,high,low,close,volume\n");
        Path missing = dir.resolve("missing.csv");
        String[][] cases = {
            {"import", "--format", "xls", csv.toString()},
            {"import", "--format", "csv", missing.toString()},
            {"import", "--format", "csv", "--tz", "Mars/Olympus", csv.toString()},
            {"import", "--format", "csv", "--delimiter", ";;", csv.toString()},
            {"import", "--format", "csv", "--bar-label", "middle", csv.toString()},
            {"import", "--format", "lean", "--symbol", "SPY", csv.toString()},
            {"import", "--format", "csv", "--no-header", csv.toString()},
        };
        String[] expected = {
            "unknown format 'xls'; known: csv, lean, parquet, corporate-actions",
            missing + ": no such file",
            "--tz 'Mars/Olympus' is not a time zone (e.g. America/New_York, UTC, +02:00)",
            "--delimiter must be one character or tab, not ';;'",
            "bar label 'middle' is neither start nor end",
            "--symbol does not apply to --format lean: the symbol comes from the folder name",
            "--no-header needs --columns naming the columns in order, e.g. --columns time,open,high,low,close,volume",
        };
        for (int i = 0; i < cases.length; i++) {
            CommandRun run = CommandRun.of(store, cases[i]);
            assertThat(run.exit()).as(String.join(" ", cases[i])).isEqualTo(2);
            assertThat(run.errLines()).as(String.join(" ", cases[i]))
                    .containsExactly("sessionflow import: " + expected[i]);
        }
        CommandRun noFiles = CommandRun.of(store, "import", "--format", "csv");
        assertThat(noFiles.exit()).isEqualTo(2);
        assertThat(noFiles.errLines().get(0)).contains("FILES");
    }

    @Test
    void anEmptyCsvWithHeaderImportsNothing(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("X.csv"), "time,open,high,low,close,volume\n");
        CommandRun run = CommandRun.of(store, "import", "--format", "csv", csv.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.outLines()).containsExactly(
                csv + ": 1m bars of no symbol (symbol from file name): read 0, inserted 0, updated 0, duplicates 0, "
                        + "skipped 0",
                "total: 1 file, read 0, inserted 0, updated 0, duplicates 0, skipped 0; nothing changed, every row "
                        + "was already stored");
    }
}
