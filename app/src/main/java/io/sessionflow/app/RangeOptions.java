package io.sessionflow.app;

import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.config.SessionConfig;
import java.util.Map;
import picocli.CommandLine.Mixin;

import io.sessionflow.domain.Symbol;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * What a run reads, mixed into {@code replay}, {@code gaps} and {@code feed-server}: the symbols, the inclusive date
 * range, the YAML settings file and the calendar. Threading: used on the command's thread only.
 */
final class RangeOptions {

    @Option(names = "--symbols", split = ",", paramLabel = "SYM", required = true,
            description = "Symbols, comma-separated (case-insensitive).")
    List<Symbol> symbols;

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "First session date, YYYY-MM-DD.")
    LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "DATE",
            description = "Last session date (inclusive), YYYY-MM-DD.")
    LocalDate to;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML settings file; flags override it.")
    Path config;

    @Mixin
    CalendarOptions calendar = new CalendarOptions();

    /** The settings file with {@code overrides} and the calendar options' {@code --exchange} applied. */
    SessionConfig settings(Map<String, String> overrides) {
        return calendar.settings(config, overrides);
    }

    /** The calendar the options name, with the settings' session hours. */
    TradingCalendar calendar(SessionConfig settings) {
        return calendar.calendar(settings);
    }

    /** The inclusive date range, checked. */
    void validateDates() {
        if (from.isAfter(to)) {
            throw new UsageException("--from " + from + " is after --to " + to);
        }
    }

    Set<Symbol> symbolSet() {
        return new LinkedHashSet<>(symbols);
    }
}
