package io.sessionflow.bars;

import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.TradeSeries;

/**
 * Whole-series bar building for backtests: a {@link TradeSeries} (a {@code TRADES} stream read from storage) into the
 * 1m {@link BarSeries} a trades-only feed would have produced, through {@link TradeBarBuilder}.
 *
 * <p>Stateless; safe from any thread.
 */
public final class TradeBars {

    private TradeBars() {
    }

    /**
     * The 1m bars of {@code trades}, one per symbol and minute with at least one trade, ordered by start then symbol.
     * The trades are taken in time order (a stable sort when they are not, so prints of the same microsecond keep
     * their order), so none is late and grace does not matter.
     */
    public static BarSeries oneMinute(TradeSeries trades) {
        TradeSeries ordered = trades.sortedByTimeThenSymbol();
        BarSeries.Builder out = BarSeries.builder(Interval.ONE_MINUTE, Math.max(16, ordered.size() / 8));
        TradeBarBuilder builder = new TradeBarBuilder(TradeBarConfig.DEFAULT, (bar, late) -> {
            if (late) {
                // Time-ordered input cannot make a late trade; one here is a bug in the builder.
                throw new IllegalStateException("late bar " + bar + " from time-ordered trades");
            }
            out.add(bar);
        });
        for (int i = 0; i < ordered.size(); i++) {
            long t = ordered.timeMicros(i);
            // The series is time-ordered across symbols: its time is a clock that closes quiet symbols' minutes, so
            // the bars come out ordered by start.
            builder.advanceTo(t);
            builder.accept(ordered.symbol(i), t, ordered.price(i), ordered.tradeSize(i));
        }
        builder.flush();
        return out.build().sortedByTimeThenSymbol();
    }
}
