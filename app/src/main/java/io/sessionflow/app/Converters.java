package io.sessionflow.app;

import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Symbol;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine;

/** Option converters whose errors name the value and the expected form, on one line. */
final class Converters {

    private Converters() {
    }

    static void register(CommandLine cli) {
        cli.registerConverter(LocalDate.class, Converters::date);
        cli.registerConverter(LocalTime.class, Converters::time);
        cli.registerConverter(Interval.class, Interval::parse);
        cli.registerConverter(Symbol.class, Converters::symbol);
    }

    static LocalDate date(String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a date YYYY-MM-DD"
                    + reason(e));
        }
    }

    static LocalTime time(String text) {
        try {
            return LocalTime.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a wall time HH:MM" + reason(e));
        }
    }

    /** Symbols are case-insensitive on the command line and uppercase everywhere else. */
    static Symbol symbol(String text) {
        try {
            return Symbol.of(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    private static String reason(DateTimeParseException e) {
        String m = e.getMessage();
        int i = m.indexOf("could not be parsed: ");
        return i < 0 ? "" : " (" + m.substring(i + "could not be parsed: ".length()) + ")";
    }
}
