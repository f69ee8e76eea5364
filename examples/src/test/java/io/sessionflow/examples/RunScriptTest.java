package io.sessionflow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/run} from another directory: a store that does not exist is refused with one line and exit 2,
 * and nothing is created (before, the default {@code data/sessionflow.duckdb} was created under the caller's folder).
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class RunScriptTest {

    @TempDir
    Path dir;

    @Test
    void aMissingStoreIsRefusedAndNothingIsCreated() throws IOException, InterruptedException {
        Path script = Path.of("run").toAbsolutePath();  // the examples module folder is the working directory
        assertThat(script).exists();
        Path missing = dir.resolve("nope").resolve("x.duckdb");
        Process p = new ProcessBuilder("bash", script.toString(), "--db", missing.toString(), "SYM001",
                "2025-11-24", "2025-12-02").directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isEqualTo(2);
        assertThat(output.lines()).singleElement().asString()
                .startsWith("examples/run: store " + missing + " does not exist");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
