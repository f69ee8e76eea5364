package io.sessionflow.session;

import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;

/**
 * Derived bars from 1m bars, aligned to the session start (a 5m series starts at the open, open + 5m, ...), not by
 * counting bars. A window that the session end cuts short gives a bar marked {@link Bar#PARTIAL}; a window without
 * any 1m bar gives no bar. Synthetic (fill-forward) 1m bars are not market data and are left out.
 *
 * <p>The live path ({@link SymbolSessionData}) builds the same bars incrementally; this batch form serves history
 * and is the reference the live path is tested against. Stateless.
 */
public final class DerivedBars {

    private DerivedBars() {
    }

    /**
     * Aggregates {@code oneMinute} (one symbol's 1m bars of {@code session}, ordered by start) into
     * {@code interval} bars. Bars outside the session window are ignored.
     */
    public static BarSeries aggregate(BarSeries oneMinute, TradingSession session, Interval interval) {
        if (!oneMinute.interval().isOneMinute()) {
            throw new IllegalArgumentException("derived bars are built from 1m bars, not " + oneMinute.interval());
        }
        long open = Micros.of(session.open());
        int minutes = session.minutes();
        int n = interval.minutes();
        BarSeries.Builder out = BarSeries.builder(interval, minutes / n + 1);
        int i = 0;
        int size = oneMinute.size();
        while (i < size) {
            long start = oneMinute.startMicros(i);
            long offset = start - open;
            if (offset < 0 || offset >= minutes * Micros.PER_MINUTE || (oneMinute.flags(i) & Bar.SYNTHETIC) != 0) {
                i++;
                continue;
            }
            int window = (int) (offset / Micros.PER_MINUTE) / n;
            long windowStart = open + (long) window * n * Micros.PER_MINUTE;
            long windowEnd = windowStart + (long) n * Micros.PER_MINUTE;
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
            boolean partial = (long) (window + 1) * n > minutes;
            out.add(symbol, windowStart, o, h, l, c, v, Bar.NO_TRADE_COUNT, Double.NaN, partial ? Bar.PARTIAL : 0);
        }
        return out.build();
    }
}
