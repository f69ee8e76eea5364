package io.sessionflow.app;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.QuoteSeries;
import io.sessionflow.domain.QuoteView;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TradeSeries;
import io.sessionflow.domain.TradeView;
import io.sessionflow.feed.alpaca.AlpacaWire;
import io.sessionflow.storage.MarketDataStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The data of the {@code connector} bench stage: one full XNYS session in which every symbol trades and quotes on a
 * fixed cadence during the first {@link #WINDOW_MINUTES} minutes, with a 1m bar per symbol per minute of that
 * window. Trade {@code i} of symbol {@code s} is at {@code open + i * period + s} microseconds, quote {@code i} at
 * {@code open + i * period + period / 2 + s}, so that each event's place ({@link #slot}) follows from its symbol,
 * kind and time without a lookup table, and the bench can note each event's arrival in a plain array.
 *
 * <p>The ticks are packed into the first minutes so that a replay fast enough to flood the client still leaves the
 * session open (the live coordinator ends a session on the clock) until the client has read everything.
 *
 * <p>Immutable after construction; safe to share between threads.
 */
final class ConnectorBenchData {

    /** Minutes from the open that hold the ticks and bars. */
    static final int WINDOW_MINUTES = 2;
    static final int TRADE = 0;
    static final int QUOTE = 1;
    /** Sessions are regular 390-minute sessions from this date on (as the other stages' data). */
    private static final LocalDate FIRST_DATE = LocalDate.of(2024, 2, 1);

    private final TradingSession session;
    private final List<Symbol> symbols;
    private final Map<Symbol, Integer> index = new HashMap<>();
    private final int perSymbol;
    private final long periodMicros;
    private final long openMicros;

    /**
     * @param symbolCount symbols S0000, S0001, ...
     * @param events      trades and quotes in all, at least; rounded up to a whole number per symbol and kind
     * @throws IllegalArgumentException when the cadence would put two events of a symbol and kind at one instant
     */
    ConnectorBenchData(int symbolCount, long events) {
        if (symbolCount < 1 || events < 2L * symbolCount) {
            throw new IllegalArgumentException(symbolCount + " symbols and " + events + " events: need at least one "
                    + "symbol and one trade and one quote per symbol");
        }
        session = Calendars.xnys().sessions(FIRST_DATE, FIRST_DATE.plusMonths(1)).stream()
                .filter(s -> s.minutes() == 390).findFirst().orElseThrow();
        List<Symbol> list = new ArrayList<>();
        for (int i = 0; i < symbolCount; i++) {
            Symbol s = Symbol.of(String.format("S%04d", i));
            list.add(s);
            index.put(s, i);
        }
        symbols = List.copyOf(list);
        long per = (events + 2L * symbolCount - 1) / (2L * symbolCount);
        long window = WINDOW_MINUTES * Micros.PER_MINUTE;
        if (per > Integer.MAX_VALUE || window / per <= 2L * symbolCount) {
            throw new IllegalArgumentException(events + " events over " + symbolCount + " symbols do not fit "
                    + WINDOW_MINUTES + " minutes at whole microseconds: use fewer events or fewer symbols");
        }
        perSymbol = (int) per;
        periodMicros = window / per;
        openMicros = Micros.of(session.open());
    }

    TradingSession session() {
        return session;
    }

    List<Symbol> symbols() {
        return symbols;
    }

    /** Trades (and as many quotes) per symbol. */
    int perSymbol() {
        return perSymbol;
    }

    /** Trades and quotes of the first {@code symbolCount} symbols. */
    long ticks(int symbolCount) {
        return 2L * perSymbol * symbolCount;
    }

    /** 1m bars of the first {@code symbolCount} symbols. */
    long bars(int symbolCount) {
        return (long) WINDOW_MINUTES * symbolCount;
    }

    /** Slots for all events of all symbols: the size of an arrival table. */
    int slots() {
        return Math.toIntExact(ticks(symbols.size()));
    }

    /**
     * The place of a trade ({@link #TRADE}) or quote ({@link #QUOTE}) of this data, or -1 for an event it does not
     * hold. Does not allocate.
     */
    int slot(Symbol symbol, int kind, long timeMicros) {
        Integer s = index.get(symbol);
        if (s == null) {
            return -1;
        }
        long offset = timeMicros - openMicros - s - (kind == QUOTE ? periodMicros / 2 : 0);
        if (offset < 0 || offset % periodMicros != 0 || offset / periodMicros >= perSymbol) {
            return -1;
        }
        return (int) ((2L * s + kind) * perSymbol + offset / periodMicros);
    }

    long tradeMicros(int symbol, int i) {
        return openMicros + i * periodMicros + symbol;
    }

    long quoteMicros(int symbol, int i) {
        return tradeMicros(symbol, i) + periodMicros / 2;
    }

    private static double price(int symbol, int i) {
        return 100 + (symbol % 50) + (i % 20) * 0.01;
    }

    /** Writes the session into {@code store}: one upsert per kind. */
    void writeTo(MarketDataStore store) {
        TradeSeries.Builder trades = TradeSeries.builder(Math.toIntExact(ticks(symbols.size()) / 2));
        QuoteSeries.Builder quotes = QuoteSeries.builder(Math.toIntExact(ticks(symbols.size()) / 2));
        for (int i = 0; i < perSymbol; i++) {
            for (int s = 0; s < symbols.size(); s++) {
                double p = price(s, i);
                trades.add(symbols.get(s), tradeMicros(s, i), p, 100);
                quotes.add(symbols.get(s), quoteMicros(s, i), p - 0.01, p + 0.01, 300, 200);
            }
        }
        store.upsertTrades(trades.build());
        store.upsertQuotes(quotes.build());
        store.upsertBars(bars());
    }

    private BarSeries bars() {
        BarSeries.Builder b = BarSeries.builder(Interval.ONE_MINUTE, (int) bars(symbols.size()));
        for (int m = 0; m < WINDOW_MINUTES; m++) {
            for (int s = 0; s < symbols.size(); s++) {
                double p = price(s, 0);
                b.add(symbols.get(s), openMicros + m * Micros.PER_MINUTE, p, p + 0.2, p - 0.1, p + 0.1,
                        100L * perSymbol / WINDOW_MINUTES);
            }
        }
        return b.build();
    }

    /**
     * The trades and quotes of the first {@code symbolCount} symbols as Alpaca frames of {@code perFrame} points in
     * time order, encoded as the feed-server encodes them: the input of the decode-only baseline.
     */
    List<String> frames(int symbolCount, int perFrame) {
        List<String> frames = new ArrayList<>();
        List<String> points = new ArrayList<>(perFrame);
        long id = 1;
        for (int i = 0; i < perSymbol; i++) {
            for (int kind = TRADE; kind <= QUOTE; kind++) {
                for (int s = 0; s < symbolCount; s++) {
                    double p = price(s, i);
                    String name = symbols.get(s).value();
                    points.add(kind == TRADE ? AlpacaWire.trade(name, tradeMicros(s, i), id++, p, 100, 0)
                            : AlpacaWire.quote(name, quoteMicros(s, i), p - 0.01, 300, p + 0.01, 200, 0));
                    if (points.size() == perFrame) {
                        frames.add(AlpacaWire.frame(points));
                        points.clear();
                    }
                }
            }
        }
        if (!points.isEmpty()) {
            frames.add(AlpacaWire.frame(points));
        }
        return frames;
    }

    /** The slot of a decoded trade; -1 when this data does not hold it. */
    int slot(TradeView t) {
        return slot(t.symbol(), TRADE, t.timeMicros());
    }

    int slot(QuoteView q) {
        return slot(q.symbol(), QUOTE, q.timeMicros());
    }
}
