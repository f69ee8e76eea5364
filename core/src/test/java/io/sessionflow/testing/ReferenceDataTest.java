package io.sessionflow.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class ReferenceDataTest {

    @Test
    void anAbsentFileSkipsTheTestAndSaysSoOnceOnTheConsole() {
        PrintStream console = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> ReferenceData.require("no/such/reference-file.csv"))
                        .isInstanceOf(TestAbortedException.class).hasMessageStartingWith("skipped: ");
            }
        } finally {
            System.setErr(console);
        }
        String told = err.toString(StandardCharsets.UTF_8);
        assertThat(told.lines()).singleElement().asString().startsWith("ReferenceDataTest: tests skipped, ");
    }
}
