package io.sessionflow.app;

import io.sessionflow.config.ConfigValues;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Symbol;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;

/**
 * Option converters whose errors name the value (cut to a sane length) and the expected form, on one line, and
 * never a Java class name. Values parse as in a config file ({@link ConfigValues}).
 *
 * <p>Stateless; safe to use from any thread.
 */
final class Converters {

    private Converters() {
    }

    static void register(CommandLine cli) {
        cli.registerConverter(LocalDate.class, Converters::date);
        cli.registerConverter(LocalTime.class, Converters::time);
        cli.registerConverter(Duration.class, plain(ConfigValues::parseDuration));
        cli.registerConverter(Interval.class, Converters::interval);
        cli.registerConverter(Symbol.class, Converters::symbol);
        // picocli's own messages for these say "is not an int" / "is not a double".
        cli.registerConverter(Integer.class, plain(ConfigValues::parseInt));
        cli.registerConverter(Integer.TYPE, plain(ConfigValues::parseInt));
        cli.registerConverter(Long.class, plain(ConfigValues::parseLong));
        cli.registerConverter(Long.TYPE, plain(ConfigValues::parseLong));
        cli.registerConverter(Double.class, plain(ConfigValues::parseDouble));
        cli.registerConverter(Double.TYPE, plain(ConfigValues::parseDouble));
    }

    static LocalDate date(String text) {
        return convert(ConfigValues::parseDate, text);
    }

    static LocalTime time(String text) {
        return convert(ConfigValues::parseTime, text);
    }

    static Interval interval(String text) {
        return convert(ConfigValues::parseInterval, text);
    }

    /** Symbols are case-insensitive on the command line and uppercase everywhere else. */
    static Symbol symbol(String text) {
        return convert(t -> Symbol.of(t.trim().toUpperCase(Locale.ROOT)), text);
    }

    /**
     * {@code parse} as a converter that reports bad input as a {@link CommandLine.TypeConversionException}: picocli
     * prints any other exception with its class name ({@code cannot convert '0' to Interval
     * (java.lang.IllegalArgumentException: ...)}).
     */
    private static <T> ITypeConverter<T> plain(Function<String, T> parse) {
        return text -> convert(parse, text);
    }

    private static <T> T convert(Function<String, T> parse, String text) {
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(ConfigValues.excerpt(e.getMessage(), 300));
        }
    }
}
