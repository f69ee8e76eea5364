package io.sessionflow.store.jdbc;

import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.storage.UpsertResult;
import java.util.Collection;
import java.util.Objects;

/**
 * Bars in the {@code bars} table, keyed by (symbol, interval, start).
 *
 * <p>Thread-safe, as the {@link UpsertWriter}, {@link GroupedRead} and {@link SymbolDictionary} it uses.
 */
final class JdbcBarRepository {

    static final Table TABLE = SchemaManager.BARS;

    private static final SeriesColumns<BarSeries> COLUMNS = SeriesColumns.<BarSeries>of(TABLE, "bar")
            .integral("interval_minutes", (bars, row) -> bars.interval().minutes())
            .decimal("open", BarSeries::open)
            .decimal("high", BarSeries::high)
            .decimal("low", BarSeries::low)
            .decimal("close", BarSeries::close)
            .decimal("volume", BarSeries::volume)
            .integral("trade_count", BarSeries::tradeCount)
            .decimal("vwap", BarSeries::vwap)
            .build();

    private final UpsertWriter writer;
    private final GroupedRead reads;
    private final SymbolDictionary symbols;

    JdbcBarRepository(UpsertWriter writer, GroupedRead reads, SymbolDictionary symbols) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.reads = Objects.requireNonNull(reads, "reads");
        this.symbols = Objects.requireNonNull(symbols, "symbols");
    }

    UpsertResult upsert(BarSeries bars) {
        return writer.write(COLUMNS, bars);
    }

    BarSeries read(Collection<Symbol> requested, Interval interval, TimeRange range) {
        Objects.requireNonNull(interval, "interval");
        SymbolFilter filter = symbols.filter(requested);
        ColumnGrouper.Grouped g = reads.readInterval(TABLE, interval, filter, range);
        if (g == null) {
            return BarSeries.empty(interval);
        }
        return BarSeries.ofColumns(interval, filter.symbols(), g.symbolIndex(), g.time(), g.doubles(value("open")),
                g.doubles(value("high")), g.doubles(value("low")), g.doubles(value("close")),
                g.doubles(value("volume")), g.longs(value("trade_count")), g.doubles(value("vwap")));
    }

    private static int value(String column) {
        return TABLE.valueIndex(column);
    }
}
