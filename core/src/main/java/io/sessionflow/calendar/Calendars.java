package io.sessionflow.calendar;

import java.util.List;
import java.util.Locale;

/**
 * The calendars Sessionflow knows, by MIC or alias.
 *
 * <p>Stateless; the calendars it returns are immutable and safe to share between threads.
 */
public final class Calendars {

    private Calendars() {
    }

    /** The New York Stock Exchange (also used for NASDAQ-listed symbols), 1990 through 2030, from rules. */
    public static TradingCalendar xnys() {
        return XnysCalendar.INSTANCE;
    }

    /** Names accepted by {@link #byName(String)}. */
    public static List<String> names() {
        return List.of("XNYS", "NYSE", "XNAS", "NASDAQ");
    }

    /**
     * The calendar for an exchange name, case-insensitive.
     *
     * @throws IllegalArgumentException naming the exchange and the known ones when it is unknown
     */
    public static TradingCalendar byName(String exchange) {
        String name = exchange == null ? "" : exchange.trim().toUpperCase(Locale.ROOT);
        return switch (name) {
            case "XNYS", "NYSE", "XNAS", "NASDAQ" -> xnys();
            default -> throw new IllegalArgumentException("unknown exchange '" + exchange + "'; known: "
                    + String.join(", ", names()));
        };
    }
}
