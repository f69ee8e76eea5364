package io.sessionflow.testing;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.function.BiPredicate;
import java.util.stream.IntStream;

/** XNYS sessions and New York wall times for tests. */
public final class Sessions {

    private Sessions() {
    }

    /** The XNYS session of {@code date}; fails when there is none. */
    public static TradingSession of(LocalDate date) {
        return Calendars.xnys().session(date).orElseThrow(() -> new IllegalArgumentException("no session " + date));
    }

    /** {@code hh:mm} New York time on {@code date}. */
    public static Instant at(LocalDate date, int hh, int mm) {
        return ZonedDateTime.of(date, LocalTime.of(hh, mm), Calendars.xnys().zone()).toInstant();
    }

    /** The session date (New York) a bar belongs to. */
    public static LocalDate dateOf(Bar bar) {
        return bar.start().atZone(Calendars.xnys().zone()).toLocalDate();
    }

    /** How many minutes of {@code session} the predicate (a storage gap, a drop) selects for {@code symbol}. */
    public static int count(BiPredicate<Symbol, Long> minutes, Symbol symbol, TradingSession session) {
        long open = Micros.of(session.open());
        return (int) IntStream.range(0, session.minutes())
                .filter(m -> minutes.test(symbol, open + m * Micros.PER_MINUTE)).count();
    }
}
