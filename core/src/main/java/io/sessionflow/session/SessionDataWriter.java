package io.sessionflow.session;

import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The only way to change a {@link SessionData}: held by the coordinator thread, which thereby owns all session data,
 * history included (the upkeep thread loads history from storage but hands it to the coordinator to install).
 *
 * <p>Threading: only the thread that claimed it calls it.
 */
public final class SessionDataWriter {

    private final SessionData data;

    SessionDataWriter(SessionData data) {
        this.data = data;
    }

    public SessionData data() {
        return data;
    }

    /** Makes {@code session} current and clears every symbol's session data. */
    public void beginSession(TradingSession session) {
        data.begin(session);
    }

    /** See {@link SymbolSessionData#applyBar}: -1 for a duplicate, else the mask of derived windows to deliver. */
    public int applyBar(SymbolSessionData d, long startMicros, double o, double h, double l, double c, long v,
                        long tradeCount, double vwap, int flags) {
        return d.applyBar(startMicros, o, h, l, c, v, tradeCount, vwap, flags);
    }

    public void markConfirmedMissing(SymbolSessionData d, int minute) {
        d.markConfirmedMissing(minute);
    }

    /** See {@link SymbolSessionData#flushWindows}. */
    public int flushWindows(SymbolSessionData d, int derivedIndex, long boundaryMicros, int[] out) {
        return d.flushWindows(derivedIndex, boundaryMicros, out);
    }

    public Bar derivedBar(SymbolSessionData d, int derivedIndex, int window) {
        return d.derivedBar(derivedIndex, window);
    }

    public void addQuote(SymbolSessionData d, long timeMicros, double bid, double ask, long bidSize, long askSize) {
        d.addQuote(timeMicros, bid, ask, bidSize, askSize);
    }

    public void addTrade(SymbolSessionData d, long timeMicros, double price, long size) {
        d.addTrade(timeMicros, price, size);
    }

    public SymbolSessionData.SessionCounts counts(SymbolSessionData d) {
        return d.counts();
    }

    /** The finished session joins each interval's history; sessions beyond {@code keep} leave. */
    public void rollHistory(SymbolSessionData d, LocalDate finished, Map<Interval, BarSeries> bars, int keep) {
        Map<Interval, Map<LocalDate, BarSeries>> one = new java.util.LinkedHashMap<>();
        bars.forEach((i, b) -> one.put(i, Map.of(finished, b)));
        d.addHistory(one, keep);
    }

    /** Sets {@code sessionEnded} and asks for {@code next}'s data. */
    public void requestSession(TradingSession next) {
        data.request(next);
    }

    /** Sets {@code sessionEnded} after the last session: nothing more is asked for. */
    public void endLastSession() {
        data.markEnded();
    }

    /** Why the loader gave up on {@code session}, if it did ({@link SessionData#sessionLoadFailed}). */
    public Optional<Throwable> sessionLoadFailure(TradingSession session) {
        return data.loadFailure(session);
    }

    /**
     * Waits until the requested session is loaded ({@code sessionEnded} cleared); false on timeout, or at once when
     * its loader gave up ({@link #sessionLoadFailure}).
     */
    public boolean awaitSessionLoaded(long timeout, TimeUnit unit) throws InterruptedException {
        return data.awaitLoaded(timeout, unit);
    }
}
