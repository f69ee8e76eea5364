package io.sessionflow.dashboard.runs;

import java.util.Map;
import java.util.Objects;

/**
 * What an ended run reports: the session table the command line prints and the JSON summary of {@code --summary}.
 *
 * @param table   the text of {@code sessionflow replay}'s table, footer included
 * @param summary the summary as a JSON-ready map (SPEC.md section 3)
 *
 * <p>Immutable (the summary is the caller's finished map; it is not copied deeply).
 */
public record RunReport(String table, Map<String, Object> summary) {

    public RunReport {
        Objects.requireNonNull(table, "table");
        summary = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(summary));
    }
}
