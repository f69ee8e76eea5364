package io.sessionflow.store.imports;

import io.sessionflow.domain.QuoteSeries;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TradeSeries;

/**
 * Collects and validates the quotes and trades of one file in file order, which is the order the store keys equal
 * timestamps by; several events may share a timestamp. Each row is validated by the series builders. Also counts
 * rows that the source flags as suspicious and that are left out on purpose.
 *
 * <p>Not thread-safe: owned by the thread parsing the file.
 */
final class TickCollector {

    private final QuoteSeries.Builder quotes = QuoteSeries.builder(4096);
    private final TradeSeries.Builder trades = TradeSeries.builder(4096);
    private long suspicious;

    void quote(Symbol symbol, long timeMicros, double bid, double ask, double bidSize, double askSize) throws BadRow {
        try {
            quotes.add(symbol, timeMicros, bid, ask, bidSize, askSize);
        } catch (IllegalArgumentException e) {
            throw new BadRow(e.getMessage());
        }
    }

    void trade(Symbol symbol, long timeMicros, double price, double size) throws BadRow {
        try {
            trades.add(symbol, timeMicros, price, size);
        } catch (IllegalArgumentException e) {
            throw new BadRow(e.getMessage());
        }
    }

    void suspicious() {
        suspicious++;
    }

    long suspiciousCount() {
        return suspicious;
    }

    QuoteSeries quotes() {
        return quotes.build();
    }

    TradeSeries trades() {
        return trades.build();
    }
}
