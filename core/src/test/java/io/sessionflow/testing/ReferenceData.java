package io.sessionflow.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates {@code ../shared/reference} (real calendars and market data used as test fixtures, never committed).
 * Looks at {@code SESSIONFLOW_REFERENCE_DIR} first, then for {@code shared/reference} beside the repository or any
 * folder above the working directory. Tests call {@link #require(String)}, which skips them with a clear message
 * when the folder is absent (a user's clone has no {@code ../shared}).
 */
public final class ReferenceData {

    private ReferenceData() {
    }

    public static Optional<Path> root() {
        String env = System.getenv("SESSIONFLOW_REFERENCE_DIR");
        if (env != null && Files.isDirectory(Path.of(env))) {
            return Optional.of(Path.of(env));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("reference");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The file or folder at {@code relative} under the reference root; skips the calling test when absent. */
    public static Path require(String relative) {
        Optional<Path> root = root();
        Assumptions.assumeTrue(root.isPresent(),
                "skipped: ../shared/reference is absent (set SESSIONFLOW_REFERENCE_DIR to run the reference-data tests)");
        Path p = root.get().resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), "skipped: reference file " + p + " is absent");
        return p;
    }
}
