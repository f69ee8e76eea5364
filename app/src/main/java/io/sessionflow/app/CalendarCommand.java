package io.sessionflow.app;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sessionflow calendar}: the sessions of an exchange as CSV {@code session,open,close} (UTC). */
@Command(name = "calendar", mixinStandardHelpOptions = true,
        description = "Print the trading sessions of an exchange in a date range as CSV (session,open,close; UTC).")
final class CalendarCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--exchange", description = "Exchange MIC (default XNYS; NYSE, XNAS, NASDAQ are aliases).")
    String exchange;

    @Option(names = "--from", required = true, description = "First date, YYYY-MM-DD.")
    LocalDate from;

    @Option(names = "--to", required = true, description = "Last date (inclusive), YYYY-MM-DD.")
    LocalDate to;

    @Option(names = "--session-start", description = "Session start in the exchange's zone, overriding the regular "
            + "open (e.g. 04:00).")
    LocalTime sessionStart;

    @Option(names = "--session-end", description = "Session end in the exchange's zone, overriding the regular "
            + "close (e.g. 20:00); early closes still cut it.")
    LocalTime sessionEnd;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML settings file (exchange and session hours "
            + "are used here); flags override it.")
    Path config;

    @Override
    public Integer call() {
        if (from.isAfter(to)) {
            throw new UsageException("--from " + from + " is after --to " + to);
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        if (exchange != null) {
            overrides.put("exchange", exchange);
        }
        if (sessionStart != null) {
            overrides.put("session-start", sessionStart.toString());
        }
        if (sessionEnd != null) {
            overrides.put("session-end", sessionEnd.toString());
        }
        SessionConfig cfg = ConfigLoader.load(config, overrides);
        TradingCalendar calendar = cfg.calendar(Calendars.byName(cfg.exchange()));
        StringBuilder csv = new StringBuilder("session,open,close\n");
        for (TradingSession s : calendar.sessions(from, to.plusDays(1))) {
            csv.append(s.date()).append(',').append(s.open()).append(',').append(s.close()).append('\n');
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(csv);
        out.flush();
        return Main.OK;
    }
}
