package io.sessionflow.testing;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.QuoteSeries;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TradeSeries;
import java.time.LocalDate;
import java.util.List;

/**
 * Deterministic test quotes and trades over XNYS sessions, every {@code everySeconds} from the open: with a period
 * dividing 60 some fall on whole minutes and tie with the bars that become available then.
 */
public final class Ticks {

    private Ticks() {
    }

    public static QuoteSeries quotes(List<Symbol> symbols, LocalDate from, LocalDate toExclusive, int everySeconds) {
        QuoteSeries.Builder b = QuoteSeries.builder();
        for (TradingSession s : Calendars.xnys().sessions(from, toExclusive)) {
            long open = Micros.of(s.open());
            long close = Micros.of(s.close());
            for (Symbol symbol : symbols) {
                int k = 0;
                for (long t = open; t < close; t += everySeconds * Micros.PER_SECOND, k++) {
                    double mid = 50 + Math.floorMod(symbol.value().hashCode(), 20) + (k % 29) * 0.01;
                    b.add(symbol, t, mid - 0.01, mid + 0.01, 100 + k % 7, 200 + k % 5);
                }
            }
        }
        return b.build();
    }

    public static TradeSeries trades(List<Symbol> symbols, LocalDate from, LocalDate toExclusive, int everySeconds) {
        TradeSeries.Builder b = TradeSeries.builder();
        for (TradingSession s : Calendars.xnys().sessions(from, toExclusive)) {
            long open = Micros.of(s.open());
            long close = Micros.of(s.close());
            for (Symbol symbol : symbols) {
                int k = 0;
                for (long t = open; t < close; t += everySeconds * Micros.PER_SECOND, k++) {
                    b.add(symbol, t, 50 + Math.floorMod(symbol.value().hashCode(), 20) + (k % 31) * 0.01, 1 + k % 9);
                }
            }
        }
        return b.build();
    }
}
