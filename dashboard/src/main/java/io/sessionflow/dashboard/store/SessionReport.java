package io.sessionflow.dashboard.store;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The answer of {@code GET /api/store/session}: one symbol's session as the coordinator delivered it.
 *
 * @param symbol    the symbol
 * @param date      the session's date
 * @param zone      the exchange's zone id; {@code zoneLabel} its short name (ET)
 * @param zoneLabel the zone as the page labels times
 * @param open      the window's open, ISO instant
 * @param close     the window's close, ISO instant
 * @param interval  the derived interval in minutes (1: no derived bars)
 * @param bars      the 1m bars delivered, by time
 * @param derived   the derived bars of {@code interval}, by time (empty series for 1)
 * @param marks     every marked minute (missing, filled, synthetic), by time
 * @param counts    marked minutes per kind of mark
 * @param figures   the session's figures, those {@code sessionflow gaps} prints
 * @param trailing  the figures of the sessions before it, oldest first
 *
 * <p>Immutable (the series' arrays are not copied: built once per answer and never written after).
 */
public record SessionReport(String symbol, String date, String zone, String zoneLabel, String open, String close,
                            int interval, Series bars, Series derived, List<Mark> marks, Map<String, Integer> counts,
                            Figures figures, List<Figures> trailing) {

    public SessionReport {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(bars, "bars");
        Objects.requireNonNull(derived, "derived");
        Objects.requireNonNull(figures, "figures");
        marks = List.copyOf(marks);
        counts = Map.copyOf(counts);
        trailing = List.copyOf(trailing);
    }

    /**
     * Bars as columns, the shape uPlot draws.
     *
     * @param time   bar starts, epoch seconds
     * @param flags  the coordinator's flags of each bar ({@code 1} filled, {@code 2} synthetic, {@code 4} revised,
     *               {@code 8} partial)
     */
    public record Series(long[] time, double[] open, double[] high, double[] low, double[] close, double[] volume,
                         int[] flags) {
        public Series {
            int n = time.length;
            if (open.length != n || high.length != n || low.length != n || close.length != n || volume.length != n
                    || flags.length != n) {
                throw new IllegalArgumentException("series columns of different lengths");
            }
        }
    }

    /**
     * A marked minute.
     *
     * @param time  the minute's start, ISO instant
     * @param epoch the same in epoch seconds
     * @param local the wall time in the exchange's zone, HH:mm
     * @param kind  {@code missing} (an expected minute without a bar), {@code filled} (inserted by gap repair) or
     *              {@code synthetic} (a fill-forward bar)
     */
    public record Mark(String time, long epoch, String local, String kind) {
        public Mark {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * One session's figures for the symbol.
     *
     * @param expected         1m bars a complete session has
     * @param present          expected minutes with a real or filled bar
     * @param missing          expected minus present
     * @param filled           minutes inserted by gap repair
     * @param confirmedMissing minutes storage lacks too
     * @param synthetic        fill-forward minutes
     * @param quality          present / expected x 100, two decimals
     * @param reason           why the session ended (the coordinator's code)
     */
    public record Figures(String date, int expected, int present, int missing, int filled, int confirmedMissing,
                          int synthetic, double quality, String reason) {
        public Figures {
            Objects.requireNonNull(date, "date");
        }
    }
}
