package io.sessionflow.store.jdbc;

import io.sessionflow.domain.Interval;
import io.sessionflow.domain.QuoteBarSeries;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.storage.UpsertResult;
import java.util.Collection;
import java.util.Objects;

/**
 * Quote bars in the {@code quote_bars} table, keyed by (symbol, interval, start) like {@link JdbcBarRepository}.
 * Prices and sizes are stored as FLOAT8 and come back bit for bit; an absent side's NaN prices travel as NULL.
 *
 * <p>Thread-safe, as the {@link UpsertWriter}, {@link GroupedRead} and {@link SymbolDictionary} it uses.
 */
final class JdbcQuoteBarRepository {

    static final Table TABLE = SchemaManager.QUOTE_BARS;

    private static final SeriesColumns<QuoteBarSeries> COLUMNS = SeriesColumns.<QuoteBarSeries>of(TABLE, "quote bar")
            .integral("interval_minutes", (bars, row) -> bars.interval().minutes())
            .decimal("bid_open", QuoteBarSeries::bidOpen)
            .decimal("bid_high", QuoteBarSeries::bidHigh)
            .decimal("bid_low", QuoteBarSeries::bidLow)
            .decimal("bid_close", QuoteBarSeries::bidClose)
            .decimal("bid_size", QuoteBarSeries::bidSize)
            .decimal("ask_open", QuoteBarSeries::askOpen)
            .decimal("ask_high", QuoteBarSeries::askHigh)
            .decimal("ask_low", QuoteBarSeries::askLow)
            .decimal("ask_close", QuoteBarSeries::askClose)
            .decimal("ask_size", QuoteBarSeries::askSize)
            .build();

    private final UpsertWriter writer;
    private final GroupedRead reads;
    private final SymbolDictionary symbols;

    JdbcQuoteBarRepository(UpsertWriter writer, GroupedRead reads, SymbolDictionary symbols) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.reads = Objects.requireNonNull(reads, "reads");
        this.symbols = Objects.requireNonNull(symbols, "symbols");
    }

    UpsertResult upsert(QuoteBarSeries bars) {
        return writer.write(COLUMNS, bars);
    }

    QuoteBarSeries read(Collection<Symbol> requested, Interval interval, TimeRange range) {
        Objects.requireNonNull(interval, "interval");
        SymbolFilter filter = symbols.filter(requested);
        ColumnGrouper.Grouped g = reads.readInterval(TABLE, interval, filter, range);
        if (g == null) {
            return QuoteBarSeries.empty(interval);
        }
        double[] bo = g.doubles(value("bid_open"));
        double[] bh = g.doubles(value("bid_high"));
        double[] bl = g.doubles(value("bid_low"));
        double[] bc = g.doubles(value("bid_close"));
        double[] bs = g.doubles(value("bid_size"));
        double[] ao = g.doubles(value("ask_open"));
        double[] ah = g.doubles(value("ask_high"));
        double[] al = g.doubles(value("ask_low"));
        double[] ac = g.doubles(value("ask_close"));
        double[] as = g.doubles(value("ask_size"));
        Symbol[] s = filter.symbols();
        QuoteBarSeries.Builder out = QuoteBarSeries.builder(interval, g.size());
        for (int i = 0; i < g.size(); i++) {
            out.add(s[g.symbolIndex()[i]], g.time()[i], bo[i], bh[i], bl[i], bc[i], bs[i], ao[i], ah[i], al[i],
                    ac[i], as[i]);
        }
        return out.build();
    }

    private static int value(String column) {
        return TABLE.valueIndex(column);
    }
}
