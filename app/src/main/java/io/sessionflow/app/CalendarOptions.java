package io.sessionflow.app;

import io.sessionflow.config.SessionConfig;
import java.util.LinkedHashMap;
import java.util.Map;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.store.markethours.LeanMarketHours;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Which trading calendar a command uses: a built-in one by name ({@code --exchange}, or the settings' exchange) or
 * an entry of LEAN's market-hours database ({@code --market-hours FILE --market KEY}), the two mutually exclusive.
 * Threading: used on the command's thread only.
 */
final class CalendarOptions {

    /** The two ways to name a calendar; picocli refuses both at once. */
    static final class Source {
        @Option(names = "--exchange", paramLabel = "NAME", description = "Built-in calendar: XNYS (NYSE, XNAS, "
                + "NASDAQ), XLON (LSE), CMES (CME, CBOT, COMEX, NYMEX), CMES-EQUITY (ES/NQ/YM hours, from "
                + "2012-11-19), FX (24/5), 24/7 (CRYPTO). Default: the settings' exchange, XNYS.")
        String exchange;

        @Option(names = "--market-hours", paramLabel = "FILE", description = "LEAN's market-hours-database.json; "
                + "use with --market.")
        Path marketHours;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Source source;

    @Option(names = "--market", paramLabel = "KEY", description = "Entry of --market-hours, SecurityType-market-"
            + "symbol (e.g. Future-cme-ES, Equity-usa-SPY; a symbol without an entry uses its market's [*]).")
    String market;

    @Option(names = "--roll", paramLabel = "HH:MM", description = "24/7 only: the time the day rolls (default "
            + "00:00); a session runs from the roll on the day before to the roll on its date.")
    LocalTime roll;

    @Option(names = "--roll-zone", paramLabel = "ZONE", description = "24/7 only: the zone of --roll (default UTC).")
    ZoneId rollZone;

    /** The settings file with {@code overrides} and {@code --exchange} applied. */
    SessionConfig settings(Path configFile, Map<String, String> overrides) {
        Map<String, String> all = new LinkedHashMap<>(overrides);
        if (exchange() != null) {
            all.put("exchange", exchange());
        }
        return ConfigLoader.load(configFile, all);
    }

    /** The calendar these options name (built-in or LEAN's market hours) with the settings' hours and segments. */
    TradingCalendar calendar(SessionConfig settings) {
        return settings.calendar(calendar(settings.exchange()));
    }

    /** The exchange named by {@code --exchange}, or null when the settings decide. */
    String exchange() {
        return source == null ? null : source.exchange;
    }

    /**
     * The calendar: from {@code --market-hours}/{@code --market}, else the built-in {@code exchange} (the settings'
     * one, which {@link #exchange()} overrides).
     *
     * @throws UsageException when the options do not go together
     */
    TradingCalendar calendar(String exchange) {
        Path file = source == null ? null : source.marketHours;
        if (file == null && market != null) {
            throw new UsageException("--market " + market + " needs --market-hours FILE");
        }
        if (file != null) {
            if (market == null) {
                throw new UsageException("--market-hours " + file + " needs --market KEY (e.g. Future-cme-ES)");
            }
            if (roll != null || rollZone != null) {
                throw new UsageException("--roll and --roll-zone apply to --exchange 24/7 only");
            }
            return LeanMarketHours.read(file).calendar(market);
        }
        TradingCalendar calendar = Calendars.byName(exchange);
        if (roll != null || rollZone != null) {
            if (calendar != Calendars.allWeek()) {
                throw new UsageException("--roll and --roll-zone apply to --exchange 24/7 only, not " + exchange);
            }
            return Calendars.allWeek(roll == null ? LocalTime.MIDNIGHT : roll,
                    rollZone == null ? ZoneId.of("UTC") : rollZone);
        }
        return calendar;
    }
}
