package io.sessionflow.storage;

import io.sessionflow.domain.QuoteSeries;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import java.util.Collection;

/**
 * Quotes in storage. Several quotes of a symbol may share a timestamp (tick data): they are keyed by
 * (symbol, time, sequence) where the sequence is their order among equal timestamps in the written series, so
 * writing the same series twice changes nothing.
 *
 * <p>Thread-safety as for {@link BarRepository}.
 */
public interface QuoteStore {

    /** Upserts all quotes in one transaction: all or nothing. */
    UpsertResult upsertQuotes(QuoteSeries quotes);

    /** Quotes of {@code symbols} with time in {@code range}, ordered by symbol, time, then sequence. */
    QuoteSeries readQuotes(Collection<Symbol> symbols, TimeRange range);

    java.util.List<Coverage> quoteCoverage();
}
