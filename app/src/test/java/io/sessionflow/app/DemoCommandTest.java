package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.testing.InMemoryStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

    private final InMemoryStore store = new InMemoryStore();

    private String[] run(String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = new String[options.length + 1];
        args[0] = "demo";
        System.arraycopy(options, 0, args, 1, options.length);
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), db -> store);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return new String[] {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    /** The report without its timing line, which differs from run to run. */
    private static String table(String out) {
        return out.lines().filter(l -> !l.contains("events delivered in")).reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void generatesOnceThenReplaysTheSameWayEveryTime() {
        String[] first = run();
        assertThat(first[1]).contains("generating demo data").contains("session 2025-12-02 ended");
        assertThat(first[0]).contains("2025-11-26").contains("2025-11-28").doesNotContain("2025-11-27 ")
                .contains("end_of_data 13:00 ET").contains("events delivered in");
        int readsAfterFirst = store.reads();

        String[] second = run();
        assertThat(second[1]).contains("reusing it").doesNotContain("generating");
        assertThat(table(second[0])).isEqualTo(table(first[0]));
        assertThat(store.reads()).isGreaterThan(readsAfterFirst);
    }

    @Test
    void theTableShowsRepairAndTheIlliquidSymbolsGaps() {
        String report = run()[0];
        String row = report.lines().filter(l -> l.startsWith("2025-11-24")).findFirst().orElseThrow();
        String[] cells = row.trim().split("\\s{2,}");
        // session, symbols, 1m bars, derived, filled, confirmed missing, synthetic, quality, end
        assertThat(cells[1]).isEqualTo("4");
        assertThat(Integer.parseInt(cells[4].replace(",", ""))).as("filled").isPositive();
        assertThat(Integer.parseInt(cells[5].replace(",", ""))).as("confirmed missing").isPositive();
        assertThat(cells[7]).endsWith("%");
    }

    @Test
    void theNextLineCarriesTheStoreTheDemoUsed() {
        String defaultNext = next(run()[0]);
        assertThat(defaultNext).startsWith("Next: ./sessionflow replay --symbols SYM002 ").doesNotContain("--db");
        assertThat(next(run("--db", "my demo.duckdb")[0]))
                .startsWith("Next: ./sessionflow replay --db 'my demo.duckdb' --symbols SYM002 ");
        assertThat(next(run("--db", "jdbc:postgresql://h/db?user=a&password=b")[0]))
                .contains(" --db 'jdbc:postgresql://h/db?user=a&password=b' ");
    }

    @Test
    void theIlliquidSymbolsMissingMinutesAreOneLineForTheRun() {
        String err = run()[1];
        assertThat(err.lines().filter(l -> l.contains("confirmed missing"))).singleElement().asString()
                .isEqualTo("confirmed missing (no bar in the stream or in storage): SYM002 178 minutes in 6 sessions");
    }

    @Test
    void shellWordsAreQuotedOnlyWhenTheyNeedIt() {
        assertThat(DemoCommand.shellWord("data/x.duckdb")).isEqualTo("data/x.duckdb");
        assertThat(DemoCommand.shellWord("it's here")).isEqualTo("'it'\\''s here'");
    }

    private static String next(String out) {
        return out.lines().filter(l -> l.startsWith("Next: ")).findFirst().orElseThrow();
    }
}
