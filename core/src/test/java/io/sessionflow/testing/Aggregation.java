package io.sessionflow.testing;

import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The tests' own reference for derived bars, written independently of {@code DerivedBars} and of the incremental
 * windows in {@code SymbolSessionData}: group one symbol's real 1m bars by the {@code n}-minute window of the
 * session open they fall in, then fold each group. Stateless.
 */
public final class Aggregation {

    private Aggregation() {
    }

    /**
     * The {@code interval} bars of {@code oneMinute} (any order, one symbol) in {@code session}, ordered by start.
     * Synthetic bars and bars outside the session are ignored; a window cut by the close is marked partial.
     */
    public static List<Bar> derive(Collection<Bar> oneMinute, TradingSession session, Interval interval) {
        Map<Long, List<Bar>> windows = oneMinute.stream()
                .filter(b -> !b.isSynthetic() && session.contains(b.start()))
                .collect(Collectors.groupingBy(
                        b -> Duration.between(session.open(), b.start()).toMinutes() / interval.minutes(),
                        TreeMap::new, Collectors.toList()));
        List<Bar> out = new ArrayList<>();
        windows.forEach((w, bars) -> {
            bars.sort(Comparator.comparing(Bar::start));
            Instant start = session.open().plus(interval.duration().multipliedBy(w));
            boolean partial = start.plus(interval.duration()).isAfter(session.close());
            out.add(new Bar(bars.get(0).symbol(), start, interval, bars.get(0).open(),
                    bars.stream().mapToDouble(Bar::high).max().orElseThrow(),
                    bars.stream().mapToDouble(Bar::low).min().orElseThrow(),
                    bars.get(bars.size() - 1).close(), bars.stream().mapToDouble(Bar::volume).sum(),
                    Bar.NO_TRADE_COUNT, Double.NaN, partial ? Bar.PARTIAL : 0));
        });
        return out;
    }

    /** Whether every minute of the {@code interval} window starting at {@code start} has a real bar. */
    public static boolean windowFull(Collection<Bar> oneMinute, TradingSession session, Interval interval,
                                     Instant start) {
        Instant windowEnd = start.plus(interval.duration());
        Instant end = windowEnd.isAfter(session.close()) ? session.close() : windowEnd;
        long minutes = Duration.between(start, end).toMinutes();
        long present = oneMinute.stream()
                .filter(b -> !b.isSynthetic() && !b.start().isBefore(start) && b.start().isBefore(end)).count();
        return present == minutes;
    }
}
