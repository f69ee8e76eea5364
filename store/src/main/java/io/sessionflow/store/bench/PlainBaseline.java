package io.sessionflow.store.bench;

import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline stage of the benchmarks, the in-process limit of a replay: the {@link LoadBench} data read once into
 * plain arrays (one set per session), then, per session, merged by a sort over (availability time, symbol) and
 * aggregated to 5m and 15m bars anchored at the open, with no framework at all (no events, no listeners, no session
 * state beyond the open windows). Every other replay stage is measured against it in the same process run.
 *
 * <p>Not thread-safe: one benchmarking thread.
 */
public final class PlainBaseline {

    /** The derived intervals, in minutes: those of the merge + derive and end-to-end stages. */
    private static final int[] DERIVED = {5, 15};
    /** Rows of one session fit these bits of a sort key; the (minute, symbol) rank goes above them. */
    private static final int ROW_BITS = 24;

    private final int symbolCount;
    private final long[] openMicros;
    private final int[][] symbol;
    private final long[][] start;
    private final double[][] open;
    private final double[][] high;
    private final double[][] low;
    private final double[][] close;
    private final double[][] volume;
    // Scratch of a run, sized once: the sort keys and each symbol's open window per interval.
    private final long[] keys;
    private final int[][] window;
    private final double[][] wOpen;
    private final double[][] wHigh;
    private final double[][] wLow;
    private final double[][] wClose;
    private final double[][] wVolume;

    private PlainBaseline(int symbolCount, int sessions, int maxRows) {
        this.symbolCount = symbolCount;
        openMicros = new long[sessions];
        symbol = new int[sessions][];
        start = new long[sessions][];
        open = new double[sessions][];
        high = new double[sessions][];
        low = new double[sessions][];
        close = new double[sessions][];
        volume = new double[sessions][];
        keys = new long[maxRows];
        window = new int[DERIVED.length][symbolCount];
        wOpen = new double[DERIVED.length][symbolCount];
        wHigh = new double[DERIVED.length][symbolCount];
        wLow = new double[DERIVED.length][symbolCount];
        wClose = new double[DERIVED.length][symbolCount];
        wVolume = new double[DERIVED.length][symbolCount];
    }

    /** One run: 1m bars merged, derived bars built, and a checksum of them (so that nothing is optimised away). */
    public record Result(long bars, long derived, double checksum) {
    }

    /** Reads every session of {@code data} into plain arrays, in the order storage returns them. */
    public static PlainBaseline read(LoadBench data) {
        List<TradingSession> sessions = data.sessions();
        Map<Symbol, Integer> index = new HashMap<>();
        for (Symbol s : data.symbols()) {
            index.put(s, index.size());
        }
        BarSeries[] read = new BarSeries[sessions.size()];
        int maxRows = 0;
        for (int i = 0; i < read.length; i++) {
            read[i] = data.store().readBars(data.symbols(), Interval.ONE_MINUTE, sessions.get(i).range());
            maxRows = Math.max(maxRows, read[i].size());
        }
        if (maxRows >= 1 << ROW_BITS) {
            throw new IllegalArgumentException("a session of " + maxRows + " bars does not fit the baseline's sort key");
        }
        PlainBaseline p = new PlainBaseline(index.size(), read.length, maxRows);
        for (int i = 0; i < read.length; i++) {
            BarSeries b = read[i];
            int n = b.size();
            p.openMicros[i] = Micros.of(sessions.get(i).open());
            p.symbol[i] = new int[n];
            p.start[i] = new long[n];
            p.open[i] = new double[n];
            p.high[i] = new double[n];
            p.low[i] = new double[n];
            p.close[i] = new double[n];
            p.volume[i] = new double[n];
            for (int r = 0; r < n; r++) {
                p.symbol[i][r] = index.get(b.symbol(r));
                p.start[i][r] = b.startMicros(r);
                p.open[i][r] = b.open(r);
                p.high[i][r] = b.high(r);
                p.low[i][r] = b.low(r);
                p.close[i][r] = b.close(r);
                p.volume[i][r] = b.volume(r);
            }
        }
        return p;
    }

    /** 1m bars held, over all sessions. */
    public long bars() {
        long n = 0;
        for (long[] s : start) {
            n += s.length;
        }
        return n;
    }

    /** Replays every session: sort, then fold each bar into its 5m and 15m windows, emitting each when complete. */
    public Result run() {
        long bars = 0;
        long derived = 0;
        double checksum = 0;
        for (int i = 0; i < start.length; i++) {
            int n = start[i].length;
            long openAt = openMicros[i];
            long[] st = start[i];
            int[] sy = symbol[i];
            for (int r = 0; r < n; r++) {
                // A 1m bar is available at its end: minute index + 1, then the symbol, then the row (unique keys).
                long minute = (st[r] - openAt) / Micros.PER_MINUTE + 1;
                keys[r] = ((minute * symbolCount + sy[r]) << ROW_BITS) | r;
            }
            Arrays.sort(keys, 0, n);
            for (int[] w : window) {
                Arrays.fill(w, -1);
            }
            long rowMask = (1L << ROW_BITS) - 1;
            for (int j = 0; j < n; j++) {
                int r = (int) (keys[j] & rowMask);
                int s = sy[r];
                int m = (int) ((st[r] - openAt) / Micros.PER_MINUTE);
                double o = open[i][r];
                double h = high[i][r];
                double l = low[i][r];
                double c = close[i][r];
                double v = volume[i][r];
                bars++;
                for (int k = 0; k < DERIVED.length; k++) {
                    int w = m / DERIVED[k];
                    if (window[k][s] != w) {
                        if (window[k][s] >= 0) {
                            checksum += wClose[k][s] + wVolume[k][s];  // a window whose last minute never came
                            derived++;
                        }
                        window[k][s] = w;
                        wOpen[k][s] = o;
                        wHigh[k][s] = h;
                        wLow[k][s] = l;
                        wVolume[k][s] = v;
                    } else {
                        wHigh[k][s] = Math.max(wHigh[k][s], h);
                        wLow[k][s] = Math.min(wLow[k][s], l);
                        wVolume[k][s] += v;
                    }
                    wClose[k][s] = c;
                    if (m % DERIVED[k] == DERIVED[k] - 1) {
                        checksum += wOpen[k][s] + wHigh[k][s] - wLow[k][s] + wClose[k][s] + wVolume[k][s];
                        derived++;
                        window[k][s] = -1;
                    }
                }
            }
            for (int k = 0; k < DERIVED.length; k++) {
                for (int s = 0; s < symbolCount; s++) {
                    if (window[k][s] >= 0) {
                        checksum += wClose[k][s] + wVolume[k][s];  // cut by the session end
                        derived++;
                    }
                }
            }
        }
        return new Result(bars, derived, checksum);
    }
}
