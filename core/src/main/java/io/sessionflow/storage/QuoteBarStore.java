package io.sessionflow.storage;

import io.sessionflow.domain.Interval;
import io.sessionflow.domain.QuoteBarSeries;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import java.util.Collection;
import java.util.List;

/**
 * Quote bars in storage, keyed by (symbol, interval, start) like bars: writing the same series twice changes nothing.
 * The defaults are those of a store without quote bars (reads are empty, writes refused), so that stores written
 * before quote bars existed keep compiling; the SQL stores implement all three.
 *
 * <p>Thread-safety as for {@link BarRepository}.
 */
public interface QuoteBarStore {

    /**
     * Upserts all quote bars in one transaction: all or nothing.
     *
     * @throws UnsupportedOperationException when the store does not hold quote bars
     */
    default UpsertResult upsertQuoteBars(QuoteBarSeries quoteBars) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not store quote bars");
    }

    /** Quote bars of {@code symbols} and {@code interval} with start in {@code range}, ordered by symbol, start. */
    default QuoteBarSeries readQuoteBars(Collection<Symbol> symbols, Interval interval, TimeRange range) {
        return QuoteBarSeries.empty(interval);
    }

    default List<Coverage> quoteBarCoverage() {
        return List.of();
    }
}
