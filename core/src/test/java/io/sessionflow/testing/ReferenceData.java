package io.sessionflow.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates {@code ../shared/reference} (real calendars and market data used as test fixtures, never committed).
 * Looks at {@code SESSIONFLOW_REFERENCE_DIR} first, then for {@code shared/reference} in the working directory or any
 * folder above it. Tests call {@link #require(String)}, which skips them when the data is absent and says so on the
 * console once per test class (a user's clone has no {@code ../shared}; the skip must not pass unnoticed).
 *
 * <p>Threading: safe to call from parallel tests (the set of classes already told is guarded).
 */
public final class ReferenceData {

    public static final String VARIABLE = "SESSIONFLOW_REFERENCE_DIR";

    private static final Set<String> TOLD = new HashSet<>();

    private ReferenceData() {
    }

    public static Optional<Path> root() {
        String env = System.getenv(VARIABLE);
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
        if (root.isEmpty()) {
            skip("reference data not found: no " + VARIABLE + " and no shared/reference in " + Path.of("")
                    .toAbsolutePath() + " or a folder above it (set " + VARIABLE + "=/path/to/shared/reference)");
        }
        Path p = root.get().resolve(relative);
        if (!Files.exists(p)) {
            skip("reference file " + p + " is absent");
        }
        return p;
    }

    private static void skip(String reason) {
        String testClass = callingTestClass();
        synchronized (TOLD) {
            if (TOLD.add(testClass)) {
                System.err.println(testClass + ": tests skipped, " + reason);
            }
        }
        Assumptions.abort("skipped: " + reason);
    }

    /** The simple name of the test class on the stack (named *Test by this project's convention), else the caller. */
    private static String callingTestClass() {
        return StackWalker.getInstance().walk(frames -> {
            String caller = null;
            for (StackWalker.StackFrame f : (Iterable<StackWalker.StackFrame>) frames::iterator) {
                String name = f.getClassName();
                if (name.equals(ReferenceData.class.getName())) {
                    continue;
                }
                String topLevel = name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
                String simple = topLevel.substring(topLevel.lastIndexOf('.') + 1);
                if (caller == null) {
                    caller = simple;
                }
                if (simple.endsWith("Test") || simple.endsWith("Tests")) {
                    return simple;
                }
            }
            return caller == null ? "?" : caller;
        });
    }
}
