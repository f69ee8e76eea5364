package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.testing.InMemoryStore;
import org.junit.jupiter.api.Test;

class GenerateCommandTest {

    private final InMemoryStore store = new InMemoryStore();

    @Test
    void generatesSessionsAndIsIdempotentForTheSameSeed() {
        String[] args = {"generate", "--symbols", "3", "--from", "2025-11-26", "--to", "2025-11-30",
            "--gap-rate", "0", "--seed", "9", "--db", "demo.duckdb"};
        CommandRun first = CommandRun.of(store, args);
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.opened()).containsExactly("demo.duckdb");
        // 2025-11-26 (390 minutes) and 2025-11-28 (early close, 210); Thanksgiving and the weekend have none
        assertThat(first.outLines()).containsExactly(
                "generated 1800 bars: 3 symbols (SYM001..SYM003, 1 illiquid at gap rate 0.0), 2 sessions "
                        + "2025-11-26..2025-11-28, seed 9",
                "inserted 1800, updated 0, duplicates 0");
        assertThat(store.barCoverage()).hasSize(3);

        CommandRun again = CommandRun.of(store, args);
        assertThat(again.outLines()).last()
                .isEqualTo("inserted 0, updated 0, duplicates 1800; nothing changed, every bar was already stored");
    }

    @Test
    void illiquidSymbolsMissMinutesAtTheGapRate() {
        CommandRun run = CommandRun.of(store, "generate", "--symbols", "2", "--from", "2025-03-03", "--to",
                "2025-03-14", "--gap-rate", "0.5");
        assertThat(run.exit()).as(run.err()).isZero();
        long sym2 = store.barCoverage().get(1).rows();
        assertThat(sym2).isBetween(1700L, 2200L);  // about half of 10 x 390
    }

    @Test
    void badArgumentsExitTwoOnOneLine() {
        String[][] cases = {
            {"generate", "--symbols", "2", "--from", "2025-11-28", "--to", "2025-11-26"},
            {"generate", "--symbols", "2", "--from", "2025-12-25", "--to", "2025-12-25"},
            {"generate", "--symbols", "0", "--from", "2025-11-24", "--to", "2025-11-26"},
            {"generate", "--symbols", "2", "--from", "2025-11-24", "--to", "2025-11-26", "--gap-rate", "1.5"},
        };
        String[] expected = {
            "--from 2025-11-28 is after --to 2025-11-26",
            "no XNYS session between 2025-12-25 and 2025-12-25",
            "number of symbols must be 1..10000, not 0",
            "gap rate must be at least 0 and below 1, not 1.5",
        };
        for (int i = 0; i < cases.length; i++) {
            CommandRun run = CommandRun.of(store, cases[i]);
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.errLines()).containsExactly("sessionflow generate: " + expected[i]);
            assertThat(run.opened()).isEmpty();
        }
        assertThat(store.barCoverage()).isEmpty();
    }
}
