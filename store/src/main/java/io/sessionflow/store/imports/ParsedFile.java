package io.sessionflow.store.imports;

import io.sessionflow.domain.AssetClass;
import io.sessionflow.storage.Instrument;

import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.ColumnSeries;
import io.sessionflow.domain.QuoteBarSeries;
import io.sessionflow.domain.QuoteSeries;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TradeSeries;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.storage.UpsertResult;
import java.util.List;
import java.util.function.Function;

/**
 * One file read and validated, not yet written: the all-or-nothing rule needs every file of an import parsed
 * before the first write.
 *
 * <p>Immutable once built; used by the importing thread only.
 */
final class ParsedFile {

    private final String file;
    private final String content;
    private final String symbolSource;
    private final long read;
    private final long duplicates;
    private final long suspicious;
    private final BadRows bad;
    private final ColumnSeries<?, ?> rows;
    private final Function<MarketDataStore, UpsertResult> writer;

    private AssetClass assetClass;
    private String market;

    private ParsedFile(String file, String content, String symbolSource, long read, long duplicates, long suspicious,
                       BadRows bad, ColumnSeries<?, ?> rows, Function<MarketDataStore, UpsertResult> writer) {
        this.file = file;
        this.content = content;
        this.symbolSource = symbolSource;
        this.read = read;
        this.duplicates = duplicates;
        this.suspicious = suspicious;
        this.bad = bad;
        this.rows = rows;
        this.writer = writer;
    }

    static ParsedFile bars(String file, String symbolSource, long read, BarCollector collector, BadRows bad) {
        BarSeries bars = collector.finish(bad);
        return new ParsedFile(file, collector.interval() + " bars", symbolSource, read, collector.duplicates(), 0, bad, bars,
                store -> store.upsertBars(bars));
    }

    static ParsedFile quoteBars(String file, String symbolSource, long read, QuoteBarCollector collector,
                                BadRows bad) {
        QuoteBarSeries bars = collector.finish(bad);
        return new ParsedFile(file, "1m quote bars", symbolSource, read, collector.duplicates(), 0, bad, bars,
                store -> store.upsertQuoteBars(bars));
    }

    static ParsedFile quotes(String file, String content, String symbolSource, long read, TickCollector collector,
                             BadRows bad) {
        QuoteSeries quotes = collector.quotes();
        return new ParsedFile(file, content, symbolSource, read, 0, collector.suspiciousCount(), bad, quotes,
                store -> store.upsertQuotes(quotes));
    }

    static ParsedFile trades(String file, String content, String symbolSource, long read, TickCollector collector,
                             BadRows bad) {
        TradeSeries trades = collector.trades();
        return new ParsedFile(file, content, symbolSource, read, 0, collector.suspiciousCount(), bad, trades,
                store -> store.upsertTrades(trades));
    }

    BadRows bad() {
        return bad;
    }

    /** The distinct symbols of the file's rows. */
    List<Symbol> symbols() {
        return rows.symbols();
    }

    /** This file with the asset class and market its path gives (LEAN), recorded for its symbols over the options'. */
    ParsedFile from(AssetClass assetClass, String market) {
        this.assetClass = assetClass;
        this.market = market;
        return this;
    }

    /** What {@code symbol} of this file is recorded as: the path's asset class and market when it gives them. */
    Instrument instrument(Symbol symbol, ImportOptions options) {
        if (assetClass == null) {
            return options.instrument(symbol);
        }
        return new Instrument(symbol, assetClass, options.venue().isEmpty() ? market : options.venue());
    }

    /** Upserts the file's rows in one call (one transaction in the real stores) and reports what that did. */
    FileReport writeTo(MarketDataStore store) {
        UpsertResult r = rows.isEmpty() ? UpsertResult.NONE : writer.apply(store);
        return new FileReport(file, content, rows.symbols(), symbolSource, read, r.inserted(), r.updated(),
                r.unchanged() + duplicates, bad.count(), suspicious, bad.messages());
    }
}
