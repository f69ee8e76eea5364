package io.sessionflow.upkeep;

import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.coordinator.CheckBatch;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.session.SymbolSessionData;
import io.sessionflow.storage.MarketDataStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One live completeness check: for every symbol, the minutes of the session that have ended (less a grace for feed
 * latency) and have no 1m bar in SessionData; those not looked up before are read from storage in one query over
 * the range they span; found ones become filled bars, the others confirmed missing (never queried again this
 * session) and, with fill-forward, flat synthetic bars at the previous close.
 *
 * <p>Not thread-safe: used by the upkeep thread only.
 */
final class LiveCompletenessCheck {

    /** A live bar arrives shortly after its minute ends; a check does not call it missing before this grace. */
    static final long GRACE_MICROS = 10 * Micros.PER_SECOND;

    private final MarketDataStore store;
    private final SessionConfig config;
    private final Map<Symbol, BitSet> lookedUp = new HashMap<>();
    private LocalDate session;

    LiveCompletenessCheck(MarketDataStore store, SessionConfig config) {
        this.store = store;
        this.config = config;
    }

    /** The check's results at {@code nowMicros}, to be delivered at once; empty when nothing is missing. */
    CheckBatch check(TradingSession s, long nowMicros, List<SymbolSessionData> symbols) {
        if (!s.date().equals(session)) {
            lookedUp.clear();
            session = s.date();
        }
        CheckBatch.Builder out = CheckBatch.builder();
        if (!config.retryMissingBars()) {
            return out.build();  // measurement only: SessionData's quality already shows the gaps
        }
        long open = Micros.of(s.open());
        int expected = (int) Math.max(0, Math.min(s.minutes(), (nowMicros - GRACE_MICROS - open) / Micros.PER_MINUTE));
        Map<Symbol, BitSet> missing = new TreeMap<>();
        Map<Symbol, SymbolSessionData> bySymbol = new HashMap<>();
        int first = Integer.MAX_VALUE;
        int last = -1;
        for (SymbolSessionData d : symbols) {
            BitSet gap = d.presentMinutes();
            gap.flip(0, expected);
            gap.clear(expected, Math.max(expected, gap.length()));
            gap.andNot(lookedUp.getOrDefault(d.symbol(), new BitSet()));
            if (!gap.isEmpty()) {
                missing.put(d.symbol(), gap);
                bySymbol.put(d.symbol(), d);
                first = Math.min(first, gap.nextSetBit(0));
                last = Math.max(last, gap.length() - 1);
            }
        }
        if (missing.isEmpty()) {
            return out.build();
        }
        BarSeries found = store.readBars(missing.keySet(), Interval.ONE_MINUTE, new TimeRange(
                Micros.toInstant(open + first * Micros.PER_MINUTE), Micros.toInstant(open + (last + 1) * Micros.PER_MINUTE)));
        Map<Symbol, BarSeries> foundBySymbol = found.bySymbol();
        missing.forEach((symbol, gap) -> {
            BarSeries have = foundBySymbol.getOrDefault(symbol, BarSeries.empty(Interval.ONE_MINUTE));
            Map<Long, Integer> row = new HashMap<>();
            for (int i = 0; i < have.size(); i++) {
                row.put(have.startMicros(i), i);
            }
            BarSeries present = bySymbol.get(symbol).bars();
            List<Bar> repairs = new ArrayList<>();
            List<Long> confirmed = new ArrayList<>();
            for (int m = gap.nextSetBit(0); m >= 0; m = gap.nextSetBit(m + 1)) {
                long start = open + m * Micros.PER_MINUTE;
                Integer r = row.get(start);
                if (r != null) {
                    repairs.add(have.get(r).withFlags(Bar.FILLED));
                } else {
                    confirmed.add(start);
                    Double previous = previousClose(present, repairs, start);
                    if (config.fillForward() && previous != null) {
                        double c = previous;
                        repairs.add(new Bar(symbol, Micros.toInstant(start), Interval.ONE_MINUTE, c, c, c, c, 0,
                                Bar.NO_TRADE_COUNT, Double.NaN, Bar.SYNTHETIC));
                    }
                }
            }
            lookedUp.computeIfAbsent(symbol, k -> new BitSet()).or(gap);
            out.add(nowMicros, symbol, repairs, confirmed.stream().mapToLong(Long::longValue).toArray());
        });
        return out.build();
    }

    /** The close of the latest bar before {@code start}: held in SessionData, or repaired earlier in this check. */
    private static Double previousClose(BarSeries present, List<Bar> repairs, long start) {
        Double close = null;
        long at = Long.MIN_VALUE;
        int i = present.lowerBound(start) - 1;
        if (i >= 0) {
            close = present.close(i);
            at = present.startMicros(i);
        }
        for (Bar b : repairs) {
            long t = Micros.of(b.start());
            if (t < start && t > at) {
                close = b.close();
                at = t;
            }
        }
        return close;
    }
}
