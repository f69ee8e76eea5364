package io.sessionflow.upkeep;

import io.sessionflow.config.SessionConfig;
import io.sessionflow.coordinator.CheckBatch;
import io.sessionflow.coordinator.CheckRequest;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.session.SessionMinutes;
import io.sessionflow.storage.MarketDataStore;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers one live completeness check: the minutes the coordinator asked about are read from storage in one query
 * over the range they span; found ones become filled bars, the others confirmed missing and, with fill-forward, flat
 * synthetic bars at the previous close. It keeps no state: what to look up is the coordinator's decision, but a
 * minute that is not expected (a halt, or a segment outside the quality segments) is never answered, whoever asks.
 *
 * <p>Stateless; used by the upkeep thread.
 */
final class LiveCompletenessCheck {

    private final MarketDataStore store;
    private final SessionConfig config;

    LiveCompletenessCheck(MarketDataStore store, SessionConfig config) {
        this.store = store;
        this.config = config;
    }

    /** The check's results, to be delivered at the request's time; empty when nothing was asked. */
    CheckBatch check(CheckRequest request) {
        CheckBatch.Builder out = CheckBatch.builder();
        long open = Micros.of(request.session().open());
        SessionMinutes layout = SessionMinutes.of(request.session(), config.qualitySegments());
        int first = Integer.MAX_VALUE;
        int last = -1;
        for (Map.Entry<Symbol, BitSet> e : request.lookUp().entrySet()) {
            BitSet gap = e.getValue();
            if (!gap.isEmpty()) {
                first = Math.min(first, gap.nextSetBit(0));
                last = Math.max(last, gap.length() - 1);
            }
        }
        if (last < 0) {
            return out.build();
        }
        BarSeries found = store.readBars(request.lookUp().keySet(), Interval.ONE_MINUTE, new TimeRange(
                Micros.toInstant(open + first * Micros.PER_MINUTE), Micros.toInstant(open + (last + 1) * Micros.PER_MINUTE)));
        Map<Symbol, BarSeries> foundBySymbol = found.bySymbol();
        for (Symbol symbol : request.lookUp().keySet()) {
            BitSet gap = request.minutes(symbol);
            BarSeries have = foundBySymbol.getOrDefault(symbol, BarSeries.empty(Interval.ONE_MINUTE));
            Map<Long, Integer> row = new HashMap<>();
            for (int i = 0; i < have.size(); i++) {
                row.put(have.startMicros(i), i);
            }
            BarSeries present = request.held().getOrDefault(symbol, BarSeries.empty(Interval.ONE_MINUTE));
            List<Bar> repairs = new ArrayList<>();
            List<Long> confirmed = new ArrayList<>();
            for (int m = gap.nextSetBit(0); m >= 0; m = gap.nextSetBit(m + 1)) {
                if (m >= layout.minutes() || !layout.isExpected(m)) {
                    continue;
                }
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
            if (!repairs.isEmpty() || !confirmed.isEmpty()) {
                out.add(request.nowMicros(), symbol, repairs, confirmed.stream().mapToLong(Long::longValue).toArray());
            }
        }
        return out.build();
    }

    /** The close of the latest bar before {@code start}: held by the coordinator, or repaired earlier in this check. */
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
