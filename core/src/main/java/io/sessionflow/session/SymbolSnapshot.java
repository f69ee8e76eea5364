package io.sessionflow.session;

import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.QuoteSeries;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TradeSeries;
import java.time.LocalDate;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;

/**
 * A consistent copy of one symbol's session data, taken at one instant of the coordinator's progress: no field is
 * newer than another.
 *
 * @param sessionDate       the session the data belongs to (null before the first session)
 * @param bars              1m bars ordered by start; filled and synthetic ones carry their flags
 * @param derived           derived bars per interval as delivered so far (final values after revisions)
 * @param quotes            the retained quotes, oldest first
 * @param trades            the retained trades, oldest first
 * @param sessionVolume     volume of the session's 1m bars (synthetic bars excluded)
 * @param sessionHigh       highest high so far, NaN before the first bar
 * @param sessionLow        lowest low so far, NaN before the first bar
 * @param present           minutes with a real or filled 1m bar, in every segment
 * @param presentExpected   of those, the expected minutes (in the quality segments): what quality counts
 * @param filled            of those, minutes inserted by gap repair
 * @param confirmedMissing  minutes that storage does not have either
 * @param synthetic         minutes given a fill-forward bar
 * @param droppedQuotes     quotes dropped by the retention limit this session
 * @param droppedTrades     trades dropped by the retention limit this session
 * @param history           trailing sessions per interval, oldest first
 *
 * <p>Immutable.
 */
public record SymbolSnapshot(
        Symbol symbol,
        LocalDate sessionDate,
        BarSeries bars,
        Map<Interval, BarSeries> derived,
        QuoteSeries quotes,
        TradeSeries trades,
        double sessionVolume,
        double sessionHigh,
        double sessionLow,
        int present,
        int presentExpected,
        int filled,
        int confirmedMissing,
        int synthetic,
        long droppedQuotes,
        long droppedTrades,
        Map<Interval, NavigableMap<LocalDate, BarSeries>> history) {

    public SymbolSnapshot {
        Objects.requireNonNull(symbol, "symbol");
        derived = Map.copyOf(derived);
        history = Map.copyOf(history);
    }

    /**
     * Bar quality for {@code expected} elapsed expected minutes ({@link SessionData#expectedMinutes()}): present
     * expected minutes / expected x 100, 100 when nothing is expected.
     */
    public double quality(int expected) {
        return SymbolSessionData.quality(presentExpected, expected);
    }
}
