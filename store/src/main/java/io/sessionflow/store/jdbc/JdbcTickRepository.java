package io.sessionflow.store.jdbc;

import io.sessionflow.domain.ColumnSeries;
import io.sessionflow.domain.QuoteSeries;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.domain.TradeSeries;
import io.sessionflow.storage.UpsertResult;
import java.util.Collection;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Quotes or trades: ticks keyed by (symbol, time, sequence), where the sequence keeps ticks that share a timestamp
 * apart in write order. One class for both, driven by a {@link Kind}.
 *
 * <p>Thread-safe, as the {@link UpsertWriter}, {@link GroupedRead} and {@link SymbolDictionary} it uses.
 *
 * @param <S> the series type
 */
final class JdbcTickRepository<S extends ColumnSeries<?, S>> {

    /** Builds a series from grouped columns; value columns are found by name with {@link Table#valueIndex}. */
    @FunctionalInterface
    interface Assembler<S> {
        S assemble(Symbol[] symbols, ColumnGrouper.Grouped grouped, Table table);
    }

    /**
     * What tells quotes from trades: the columns, and how a read's columns become a series.
     *
     * @param <S> the series type
     */
    record Kind<S extends ColumnSeries<?, S>>(SeriesColumns<S> columns, Supplier<S> empty, Assembler<S> assembler) {
        Kind {
            Objects.requireNonNull(columns, "columns");
            Objects.requireNonNull(empty, "empty");
            Objects.requireNonNull(assembler, "assembler");
            if (!columns.table().sequenced()) {
                throw new IllegalArgumentException(columns.table().name() + " has no " + Table.SEQUENCE + " column");
            }
        }

        Table table() {
            return columns.table();
        }
    }

    static final Kind<QuoteSeries> QUOTES = new Kind<>(
            SeriesColumns.<QuoteSeries>of(SchemaManager.QUOTES, "quote")
                    .decimal("bid", QuoteSeries::bid)
                    .decimal("ask", QuoteSeries::ask)
                    .decimal("bid_size", QuoteSeries::bidSize)
                    .decimal("ask_size", QuoteSeries::askSize)
                    .build(),
            QuoteSeries::empty,
            (symbols, g, t) -> {
                double[] bid = g.doubles(t.valueIndex("bid"));
                double[] ask = g.doubles(t.valueIndex("ask"));
                double[] bidSize = g.doubles(t.valueIndex("bid_size"));
                double[] askSize = g.doubles(t.valueIndex("ask_size"));
                QuoteSeries.Builder out = QuoteSeries.builder(g.size());
                for (int i = 0; i < g.size(); i++) {
                    out.add(symbols[g.symbolIndex()[i]], g.time()[i], bid[i], ask[i], bidSize[i], askSize[i]);
                }
                return out.build();
            });

    static final Kind<TradeSeries> TRADES = new Kind<>(
            SeriesColumns.<TradeSeries>of(SchemaManager.TRADES, "trade")
                    .decimal("price", TradeSeries::price)
                    .decimal("size", TradeSeries::tradeSize)
                    .build(),
            TradeSeries::empty,
            (symbols, g, t) -> {
                double[] price = g.doubles(t.valueIndex("price"));
                double[] size = g.doubles(t.valueIndex("size"));
                TradeSeries.Builder out = TradeSeries.builder(g.size());
                for (int i = 0; i < g.size(); i++) {
                    out.add(symbols[g.symbolIndex()[i]], g.time()[i], price[i], size[i]);
                }
                return out.build();
            });

    private final Kind<S> kind;
    private final UpsertWriter writer;
    private final GroupedRead reads;
    private final SymbolDictionary symbols;

    JdbcTickRepository(Kind<S> kind, UpsertWriter writer, GroupedRead reads, SymbolDictionary symbols) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.reads = Objects.requireNonNull(reads, "reads");
        this.symbols = Objects.requireNonNull(symbols, "symbols");
    }

    Table table() {
        return kind.table();
    }

    UpsertResult upsert(S ticks) {
        return writer.write(kind.columns(), ticks);
    }

    S read(Collection<Symbol> requested, TimeRange range) {
        SymbolFilter filter = symbols.filter(requested);
        ColumnGrouper.Grouped g = reads.read(kind.table(), "", ps -> 1, filter, range);
        return g == null ? kind.empty().get() : kind.assembler().assemble(filter.symbols(), g, kind.table());
    }
}
