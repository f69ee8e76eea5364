package io.sessionflow.session;

import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.BarBuffer;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.QuoteBarBuffer;
import io.sessionflow.domain.Symbol;
import java.time.LocalDate;
import java.util.Map;

/**
 * The only way to change a {@link SessionData}: held by the coordinator thread, which thereby owns all session data,
 * history included (history read from storage arrives in a session's split, and the coordinator installs it).
 *
 * <p>Threading: only the thread that claimed it calls it.
 */
public final class SessionDataWriter {

    private final SessionData data;
    /** The writer's scratch for folding a derived quote bar's sides: one per writer, so no allocation per bar. */
    private final double[] quoteSide = new double[QuoteBarBook.CELLS];

    SessionDataWriter(SessionData data) {
        this.data = data;
    }

    /**
     * Makes {@code session} current, clears every symbol's session data and installs the trailing history the
     * session's split brought for symbols that lacked it.
     */
    public void beginSession(TradingSession session, Map<Symbol, Map<Interval, Map<LocalDate, BarSeries>>> history) {
        data.begin(session, history, java.util.Set.of());
    }

    /**
     * As {@link #beginSession(TradingSession, Map)}, but the symbols of {@code replaced} drop the history they hold
     * for the one given (read again on a new price basis after a split).
     */
    public void beginSession(TradingSession session, Map<Symbol, Map<Interval, Map<LocalDate, BarSeries>>> history,
                             java.util.Set<Symbol> replaced) {
        data.begin(session, history, replaced);
    }

    /** The current session has ended: {@code sessionEnded} is set until the next one begins. */
    public void endSession() {
        data.end();
    }

    /** See {@link SymbolSessionData#applyBar}: -1 for a duplicate, else the mask of derived windows to deliver. */
    public int applyBar(SymbolSessionData d, long startMicros, double o, double h, double l, double c, double v,
                        long tradeCount, double vwap, int flags) {
        return d.applyBar(startMicros, o, h, l, c, v, tradeCount, vwap, flags);
    }

    public void markConfirmedMissing(SymbolSessionData d, int minute) {
        d.markConfirmedMissing(minute);
    }

    /** See {@link SessionData#passWindows}. */
    public boolean passWindows(long boundaryMicros, int[] from) {
        return data.passWindows(boundaryMicros, from);
    }

    /** See {@link SymbolSessionData#flushWindows}. */
    public int flushWindows(SymbolSessionData d, int derivedIndex, int from, int[] out) {
        return d.flushWindows(derivedIndex, from, out);
    }

    /** Fills {@code into} with the derived bar of interval {@code derivedIndex}, window {@code window}. */
    public BarBuffer readDerivedBar(SymbolSessionData d, int derivedIndex, int window, BarBuffer into) {
        return d.readDerivedBar(derivedIndex, window, into);
    }

    /** See {@link SymbolSessionData#applyQuoteBar}: -1 when unchanged, else the mask of quote windows to deliver. */
    public int applyQuoteBar(SymbolSessionData d, long startMicros, double bo, double bh, double bl, double bc,
                             double bs, double ao, double ah, double al, double ac, double as) {
        return d.applyQuoteBar(startMicros, bo, bh, bl, bc, bs, ao, ah, al, ac, as);
    }

    /** See {@link SymbolSessionData#flushQuoteWindows}. */
    public int flushQuoteWindows(SymbolSessionData d, int derivedIndex, long boundaryMicros, int[] out) {
        return d.flushQuoteWindows(derivedIndex, boundaryMicros, out);
    }

    /** Fills {@code into} with the derived quote bar of interval {@code derivedIndex}, window {@code window}. */
    public QuoteBarBuffer readDerivedQuoteBar(SymbolSessionData d, int derivedIndex, int window, QuoteBarBuffer into) {
        return d.readDerivedQuoteBar(derivedIndex, window, into, quoteSide);
    }

    /** The window of derived interval {@code derivedIndex} holding minute {@code minute} of the session. */
    public int quoteWindowOf(SymbolSessionData d, int derivedIndex, int minute) {
        return d.quoteWindowOf(derivedIndex, minute);
    }

    public void addQuote(SymbolSessionData d, long timeMicros, double bid, double ask, double bidSize, double askSize) {
        d.addQuote(timeMicros, bid, ask, bidSize, askSize);
    }

    public void addTrade(SymbolSessionData d, long timeMicros, double price, double size) {
        d.addTrade(timeMicros, price, size);
    }

    public SymbolSessionData.SessionCounts counts(SymbolSessionData d) {
        return d.counts();
    }

    /**
     * The ends of {@code session}'s derived windows before its close, over every configured interval, ascending and
     * without repeats: the boundaries at which the coordinator flushes windows whose last minute is missing.
     */
    public long[] windowEndsBeforeClose(TradingSession session) {
        SessionMinutes minutes = data.minutesOf(session);
        int close = minutes.tradingCloseMinute();
        return java.util.Arrays.stream(data.layoutsOf(minutes)).flatMapToLong(w -> w.endsBefore(close))
                .distinct().sorted().toArray();
    }

    /** The window of derived interval {@code k} holding {@code minute} of the session; -1 in a halt. */
    public int windowOf(SymbolSessionData d, int k, int minute) {
        return d.windowOf(k, minute);
    }

    /** The finished session joins each interval's history; sessions beyond {@code keep} leave. */
    public void rollHistory(SymbolSessionData d, LocalDate finished, Map<Interval, BarSeries> bars, int keep) {
        Map<Interval, Map<LocalDate, BarSeries>> one = new java.util.LinkedHashMap<>();
        bars.forEach((i, b) -> one.put(i, Map.of(finished, b)));
        d.addHistory(one, keep);
    }
}
