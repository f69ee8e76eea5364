package io.sessionflow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.domain.Symbol;
import io.sessionflow.store.synthetic.SyntheticBars;
import io.sessionflow.testing.InMemoryStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The example strategy compiles against the public API, runs over generated data and prints sound signals. */
class MovingAverageCrossoverTest {

    private static final Pattern SIGNAL = Pattern.compile(
            "(\\S+) (SYM\\d{3}) +(BUY|SELL) +fast (\\d+\\.\\d{4}) ([<>]) slow (\\d+\\.\\d{4}) at (\\d+\\.\\d{2})");

    private static String run(InMemoryStore store) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = MovingAverageCrossover.run(store, List.of(Symbol.of("SYM001"), Symbol.of("SYM003")),
                LocalDate.of(2025, 11, 24), LocalDate.of(2025, 12, 2), new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).endsWith(n + " signals over 6 sessions\n");
        return text;
    }

    @Test
    void printsAlternatingSignalsThatMatchTheirAverages() throws Exception {
        InMemoryStore store = new InMemoryStore();
        store.upsertBars(SyntheticBars.generate(4, LocalDate.of(2025, 11, 18), LocalDate.of(2025, 12, 2), 0.05, 11));
        String text = run(store);
        List<String> lines = text.lines().toList();
        assertThat(lines.size()).as(text).isGreaterThan(3);
        Map<String, String> lastSide = new HashMap<>();
        Instant previous = Instant.MIN;
        for (String line : lines.subList(0, lines.size() - 1)) {
            Matcher m = SIGNAL.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            Instant at = Instant.parse(m.group(1));
            assertThat(at).isAfterOrEqualTo(previous);
            previous = at;
            boolean buy = m.group(3).equals("BUY");
            assertThat(m.group(5)).isEqualTo(buy ? ">" : "<");
            double fast = Double.parseDouble(m.group(4));
            double slow = Double.parseDouble(m.group(6));
            assertThat(buy ? fast >= slow : fast <= slow).as(line).isTrue();
            assertThat(lastSide.put(m.group(2), m.group(3))).as("signals of %s alternate", m.group(2))
                    .isNotEqualTo(m.group(3));
        }
        assertThat(lastSide).containsOnlyKeys("SYM001", "SYM003");
        // Deterministic: the same data gives the same signals.
        assertThat(run(store)).isEqualTo(text);
    }
}
