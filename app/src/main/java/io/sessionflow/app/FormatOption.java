package io.sessionflow.app;

import picocli.CommandLine.Option;

/** {@code --format table|json} of the reports on stdout. */
final class FormatOption {

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json",
            description = "Report on stdout: a table (default) or the JSON summary.")
    String format;

    /** True for JSON, false for the table. */
    boolean json() {
        return switch (format) {
            case "table" -> false;
            case "json" -> true;
            default -> throw new UsageException("--format must be table or json, not '" + format + "'");
        };
    }
}
