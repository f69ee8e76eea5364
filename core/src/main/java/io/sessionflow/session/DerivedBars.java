package io.sessionflow.session;

import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.DerivedAlignment;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;

/**
 * Derived bars from 1m bars, in the windows of {@link WindowLayout}: aligned to the session start (a 5m series starts
 * at the open, open + 5m, ...) or to the market open, not by counting bars. A window that a halt, the open or the
 * session end cuts short gives a bar marked {@link Bar#PARTIAL}; a window without any 1m bar gives no bar; a 1m bar
 * in a halt is in no window. Synthetic (fill-forward) 1m bars are not market data and are left out. A
 * {@link Interval#SESSION} ({@code 1d}) bar covers the market segment(s) and starts at the market open's minute.
 *
 * <p>The live path ({@link SymbolSessionData}) gives the same bars as its 1m bars arrive (it decides each window's
 * delivery per bar and folds the window from its 1m bars when read); this batch form serves history and is the
 * reference the live path is tested against. Stateless.
 */
public final class DerivedBars {

    private DerivedBars() {
    }

    /**
     * Aggregates {@code oneMinute} (one symbol's 1m bars of {@code session}, ordered by start) into
     * {@code interval} bars aligned to the session open. Bars outside the session window are ignored.
     */
    public static BarSeries aggregate(BarSeries oneMinute, TradingSession session, Interval interval) {
        return aggregate(oneMinute, session, interval, DerivedAlignment.SESSION_OPEN);
    }

    /**
     * Aggregates {@code oneMinute} (one symbol's 1m bars of {@code session}, ordered by start) into
     * {@code interval} bars with the given alignment. Bars outside the session window or in a halt are ignored.
     */
    public static BarSeries aggregate(BarSeries oneMinute, TradingSession session, Interval interval,
                                      DerivedAlignment alignment) {
        if (!oneMinute.interval().isOneMinute()) {
            throw new IllegalArgumentException("derived bars are built from 1m bars, not " + oneMinute.interval());
        }
        // Which minutes are expected does not matter here: every real bar of a segment is market data.
        WindowLayout layout = WindowLayout.of(SessionMinutes.of(session, TradingSession.REGULAR), interval, alignment);
        long open = Micros.of(session.open());
        int minutes = session.minutes();
        BarSeries.Builder out = BarSeries.builder(interval, layout.count());
        int i = 0;
        int size = oneMinute.size();
        while (i < size) {
            long offset = oneMinute.startMicros(i) - open;
            int window = offset < 0 || offset >= minutes * Micros.PER_MINUTE || (oneMinute.flags(i) & Bar.SYNTHETIC) != 0
                    ? -1
                    : layout.windowOf((int) (offset / Micros.PER_MINUTE));
            if (window < 0) {
                i++;
                continue;
            }
            long windowEnd = open + layout.end(window) * Micros.PER_MINUTE;
            Symbol symbol = oneMinute.symbol(i);
            double o = oneMinute.open(i);
            double h = oneMinute.high(i);
            double l = oneMinute.low(i);
            double c = oneMinute.close(i);
            double v = oneMinute.volume(i);
            i++;
            while (i < size && oneMinute.startMicros(i) < windowEnd) {
                if ((oneMinute.flags(i) & Bar.SYNTHETIC) == 0) {
                    h = Math.max(h, oneMinute.high(i));
                    l = Math.min(l, oneMinute.low(i));
                    c = oneMinute.close(i);
                    v += oneMinute.volume(i);
                }
                i++;
            }
            out.add(symbol, layout.startMicros(window), o, h, l, c, v, Bar.NO_TRADE_COUNT, Double.NaN,
                    layout.partial(window) ? Bar.PARTIAL : 0);
        }
        return out.build();
    }
}
