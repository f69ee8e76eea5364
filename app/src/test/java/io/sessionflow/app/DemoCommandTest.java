package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.testing.InMemoryStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

    private final InMemoryStore store = new InMemoryStore();

    private String[] run() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"demo"}, new PrintStream(out, true, StandardCharsets.UTF_8),
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
}
