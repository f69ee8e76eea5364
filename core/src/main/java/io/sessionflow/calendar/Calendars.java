package io.sessionflow.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The calendars Sessionflow knows, by MIC or alias, and a factory for calendars from a table of sessions (LEAN's
 * market-hours database is read into one in the store module).
 *
 * <p>Stateless; the calendars it returns are immutable and safe to share between threads. Each built-in calendar
 * is built on first use.
 */
public final class Calendars {

    /** Range of the calendars without holidays (24/7, FX): no rule stops holding, so a wide one. */
    static final LocalDate ALWAYS_FIRST = LocalDate.of(1990, 1, 1);
    static final LocalDate ALWAYS_LAST = LocalDate.of(2030, 12, 31);
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalTime FIVE_PM = LocalTime.of(17, 0);

    private Calendars() {
    }

    /** The New York Stock Exchange (also used for NASDAQ-listed symbols), 1990 through 2030, from rules. */
    public static TradingCalendar xnys() {
        return XnysCalendar.INSTANCE;
    }

    /** The London Stock Exchange, 08:00-16:30 Europe/London, 1990 through 2030, from rules. */
    public static TradingCalendar xlon() {
        return XlonCalendar.INSTANCE;
    }

    /**
     * CME Globex (CME, CBOT, COMEX, NYMEX), 1990 through 2030: sessions from 17:00 America/Chicago the evening before
     * their date to 17:00 (12:00 on US holidays with short hours), one market segment each.
     */
    public static TradingCalendar cmes() {
        return CmesCalendar.INSTANCE;
    }

    /**
     * CMES windows with the trading segments of CME Globex equity index futures (ES, NQ, YM): from the 17:00 CT open
     * to 15:15 CT, a halt to 15:30, then to 16:15 CT, or 16:00 CT from 2015-09-21; to the early close on short
     * days. Covers 2012-11-19 through 2030: the hours before 18 November 2012 are not modelled.
     */
    public static TradingCalendar cmesEquityIndex() {
        return CmesCalendar.EQUITY_INDEX;
    }

    /**
     * Spot FX, 24 hours five days a week: sessions Monday to Friday, each from 17:00 America/New_York the day before
     * to 17:00 on its date (Monday's opens Sunday 17:00, Friday's closes the week). No holidays, 1990 through 2030.
     */
    public static TradingCalendar fx() {
        return Always.FX;
    }

    /** 24/7 markets (crypto): every calendar day a session of its UTC day, 1990 through 2030. */
    public static TradingCalendar allWeek() {
        return Always.UTC_DAYS;
    }

    /**
     * 24/7 with the day rolling at {@code roll} in {@code zone}: the session of date D runs from {@code roll} on the
     * day before D to {@code roll} on D (labelled by the day it closes, like FX); a 00:00 roll gives the days of
     * {@code zone} themselves, [D 00:00, D+1 00:00).
     */
    public static TradingCalendar allWeek(LocalTime roll, ZoneId zone) {
        Objects.requireNonNull(roll, "roll");
        Objects.requireNonNull(zone, "zone");
        if (roll.equals(LocalTime.MIDNIGHT) && zone.normalized().equals(ZoneOffset.UTC)) {
            return Always.UTC_DAYS;
        }
        return Always.allWeek(roll, zone);
    }

    /**
     * A calendar from a table of sessions: {@code sessionOn} gives the session labelled each date of
     * {@code [first, last]}, or empty when closed; it is called once per date, here. Sessions must be in date order
     * and must not overlap.
     *
     * @throws IllegalArgumentException naming the dates when a session has another date or overlaps the previous one
     */
    public static TradingCalendar fromSessions(String name, ZoneId zone, LocalDate first, LocalDate last,
                                               Function<LocalDate, Optional<TradingSession>> sessionOn) {
        Objects.requireNonNull(sessionOn, "sessionOn");
        String label = Objects.requireNonNull(name, "name");
        return new RuleCalendar(name, zone, first, last, new SessionShape() {
            @Override
            public TradingSession on(LocalDate date) {
                return sessionOn.apply(date).orElse(null);
            }

            @Override
            public SessionShape withSessionHours(LocalTime start, LocalTime end) {
                throw new IllegalArgumentException(label + " sessions come from a table: session hours " + start
                        + "-" + end + " cannot be configured for them");
            }

            @Override
            public String describe() {
                return "sessions from a table, " + zone;
            }
        });
    }

    /** Names accepted by {@link #byName(String)}. */
    public static List<String> names() {
        return List.of("XNYS", "NYSE", "XNAS", "NASDAQ", "XLON", "LSE", "CMES", "CME", "CBOT", "COMEX", "NYMEX",
                "CMES-EQUITY", "FX", "24/7", "CRYPTO");
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
            case "XLON", "LSE" -> xlon();
            case "CMES", "CME", "CBOT", "COMEX", "NYMEX" -> cmes();
            case "CMES-EQUITY" -> cmesEquityIndex();
            case "FX" -> fx();
            case "24/7", "CRYPTO" -> allWeek();
            default -> throw new IllegalArgumentException("unknown exchange '" + exchange + "'; known: "
                    + String.join(", ", names()));
        };
    }

    /** The calendars without holidays, built on first use. */
    private static final class Always {

        private static final DayRules NEVER_CLOSED = new DayRules() {
            @Override
            public boolean isClosed(LocalDate date) {
                return false;
            }

            @Override
            public LocalTime earlyClose(LocalDate date) {
                return null;
            }
        };

        private static final DayRules WEEKENDS_CLOSED = new DayRules() {
            @Override
            public boolean isClosed(LocalDate date) {
                return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
            }

            @Override
            public LocalTime earlyClose(LocalDate date) {
                return null;
            }
        };

        static final TradingCalendar FX = new RuleCalendar("FX", NEW_YORK, ALWAYS_FIRST, ALWAYS_LAST,
                new WindowShape("FX", NEW_YORK, -1, FIVE_PM, 0, FIVE_PM, WEEKENDS_CLOSED, null));

        static final TradingCalendar UTC_DAYS = allWeek(LocalTime.MIDNIGHT, ZoneOffset.UTC);

        static TradingCalendar allWeek(LocalTime roll, ZoneId zone) {
            boolean midnight = roll.equals(LocalTime.MIDNIGHT);
            return new RuleCalendar("24/7", zone, ALWAYS_FIRST, ALWAYS_LAST, new WindowShape("24/7", zone,
                    midnight ? 0 : -1, roll, midnight ? 1 : 0, roll, NEVER_CLOSED, null));
        }
    }
}
