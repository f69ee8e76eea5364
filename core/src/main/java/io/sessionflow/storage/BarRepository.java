package io.sessionflow.storage;

import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import java.util.Collection;

/**
 * Bars in storage, keyed by (symbol, interval, start). Implementations reject an invalid symbol before any SQL and
 * throw {@link StorageException} for I/O failures.
 *
 * <p>Implementations are safe to call from several threads at once (the coordinator's loader and the upkeep
 * thread); each documents how.
 */
public interface BarRepository {

    /**
     * Inserts new bars and overwrites stored bars with the same key, in one transaction: all or nothing.
     * Several bars with the same key in {@code bars} are a caller error.
     */
    UpsertResult upsertBars(BarSeries bars);

    /** One symbol's bars of {@code interval} with start in {@code range}, ordered by start. */
    BarSeries readBars(Symbol symbol, Interval interval, TimeRange range);

    /**
     * Many symbols' bars of {@code interval} with start in {@code range}, in one read (the prefetch path), ordered by
     * symbol then start. Symbols without bars are simply absent.
     */
    BarSeries readBars(Collection<Symbol> symbols, Interval interval, TimeRange range);

    /** Every symbol's coverage per interval, ordered by symbol then interval. */
    java.util.List<Coverage> barCoverage();
}
