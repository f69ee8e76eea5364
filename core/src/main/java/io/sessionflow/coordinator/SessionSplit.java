package io.sessionflow.coordinator;

import io.sessionflow.corporate.CorporateAction;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.QuoteBarSeries;
import io.sessionflow.domain.QuoteSeries;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TradeSeries;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One session's data for the coordinator, complete: a delivery-ordered batch per kind of stream (1m quote bars
 * last, so that older code building splits without them still compiles), the session's
 * completeness checks at their check times, the trailing history the request's symbols lack (or, for the symbols of
 * {@code replacedHistory}, all of it, to replace what they hold: a split put it on another price basis), and figures
 * for reports, and the splits and dividends that go ex on the session (delivered before its first bar). The coordinator delivers it as inputs whose watermark is past the session's end.
 *
 * <p>Immutable.
 */
public record SessionSplit(
        SessionRequest request,
        EventBatch bars,
        EventBatch quotes,
        EventBatch trades,
        CheckBatch checks,
        Map<Symbol, Map<Interval, Map<LocalDate, BarSeries>>> history,
        int barsRead,
        int barsDropped,
        int storageReads,
        EventBatch quoteBars,
        Set<Symbol> replacedHistory,
        List<CorporateAction> corporateActions) implements SourceAnswer {

    public SessionSplit {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(bars, "bars");
        Objects.requireNonNull(quotes, "quotes");
        Objects.requireNonNull(trades, "trades");
        Objects.requireNonNull(checks, "checks");
        Objects.requireNonNull(quoteBars, "quoteBars");
        history = Map.copyOf(history);
        replacedHistory = Set.copyOf(replacedHistory);
        corporateActions = List.copyOf(corporateActions);
        for (Symbol s : replacedHistory) {
            if (!history.containsKey(s)) {
                throw new IllegalArgumentException("history of " + s + " is to be replaced but the split has none");
            }
        }
    }

    /** A split that replaces no held history. */
    public SessionSplit(SessionRequest request, EventBatch bars, EventBatch quotes, EventBatch trades,
                        CheckBatch checks, Map<Symbol, Map<Interval, Map<LocalDate, BarSeries>>> history,
                        int barsRead, int barsDropped, int storageReads, EventBatch quoteBars) {
        this(request, bars, quotes, trades, checks, history, barsRead, barsDropped, storageReads, quoteBars, Set.of(),
                List.of());
    }

    /** A split without quote bars. */
    public SessionSplit(SessionRequest request, EventBatch bars, EventBatch quotes, EventBatch trades,
                        CheckBatch checks, Map<Symbol, Map<Interval, Map<LocalDate, BarSeries>>> history,
                        int barsRead, int barsDropped, int storageReads) {
        this(request, bars, quotes, trades, checks, history, barsRead, barsDropped, storageReads,
                EventBatch.quoteBars(QuoteBarSeries.empty(Interval.ONE_MINUTE)));
    }

    /** A split with no data: what a live session without storage starts from. */
    public static SessionSplit empty(SessionRequest request) {
        return new SessionSplit(request, EventBatch.bars(BarSeries.empty(Interval.ONE_MINUTE)),
                EventBatch.quotes(QuoteSeries.empty()), EventBatch.trades(TradeSeries.empty()),
                CheckBatch.builder().build(), Map.of(), 0, 0, 0);
    }
}
