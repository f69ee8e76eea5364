package io.sessionflow.corporate;

import io.sessionflow.domain.Symbol;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A LEAN map file: the ticker a security traded under, by date. A row's ticker is in force up to and including its
 * date, back to the previous row's date (GOOG's file says {@code goocv} through 2014-04-02, then {@code goog}).
 *
 * <p>Immutable; safe to share between threads.
 */
public record MapFile(Symbol symbol, List<Row> rows) {

    /** One row: {@code date,ticker,exchange}. */
    public record Row(LocalDate date, Symbol ticker, String exchange) {
        public Row {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(ticker, "ticker");
            Objects.requireNonNull(exchange, "exchange");
        }
    }

    public MapFile {
        Objects.requireNonNull(symbol, "symbol");
        rows = List.copyOf(rows);
        for (int i = 1; i < rows.size(); i++) {
            if (!rows.get(i).date().isAfter(rows.get(i - 1).date())) {
                throw new IllegalArgumentException("map file of " + symbol + ": row " + rows.get(i).date()
                        + " does not come after " + rows.get(i - 1).date());
            }
        }
    }

    /** The ticker in force on {@code date}, or empty after the file's last row. */
    public Optional<Symbol> tickerOn(LocalDate date) {
        for (Row r : rows) {
            if (!r.date().isBefore(date)) {
                return Optional.of(r.ticker());
            }
        }
        return Optional.empty();
    }

    /** The first date the security traded, as the file records it: its first row's date. */
    public Optional<LocalDate> firstDate() {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0).date());
    }
}
