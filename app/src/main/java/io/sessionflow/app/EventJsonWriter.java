package io.sessionflow.app;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.SessionEnd;
import io.sessionflow.corporate.CorporateAction;
import io.sessionflow.corporate.Normalization;
import io.sessionflow.domain.BarView;
import io.sessionflow.domain.Quantities;
import io.sessionflow.domain.QuoteBarView;
import io.sessionflow.domain.QuoteView;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TradeView;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.Function;

/**
 * Writes every delivered event as one JSON object per line, in delivery order, in the format of SPEC.md section 3
 * ({@code --events}). Output depends only on the events, so equal runs give byte-identical files. Volumes and sizes
 * are integers when integral and shortest exact decimals otherwise ({@link Quantities#format}).
 *
 * <p>Threading: events arrive on the coordinator thread; {@link #close()} comes from the command's thread, also when
 * a signal stops the run. Each event and the close hold the writer's lock, so the file ends with a whole line
 * whatever the order; events after the close are left out. The file is flushed at each session end.
 */
final class EventJsonWriter implements MarketDataListener, AutoCloseable {

    private final JsonGenerator json;
    private boolean closed;
    private volatile Function<Symbol, Normalization> normalizations = s -> Normalization.RAW;

    EventJsonWriter(OutputStream out) {
        try {
            json = new JsonFactory().createGenerator(new BufferedOutputStream(out, 1 << 16), JsonEncoding.UTF8);
            json.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The mode each symbol's bars are in: a bar line of a symbol not in {@code raw} says
     * {@code "normalization":"split-adjusted"} (or {@code adjusted}); raw lines are unchanged. Set before the run.
     */
    void normalizations(Function<Symbol, Normalization> modes) {
        normalizations = java.util.Objects.requireNonNull(modes, "modes");
    }

    @Override
    public void onSessionStart(TradingSession session) {
        write(() -> {
            json.writeStartObject();
            json.writeStringField("type", "session_start");
            json.writeStringField("date", session.date().toString());
            json.writeStringField("start", session.open().toString());
            json.writeStringField("end", session.close().toString());
            json.writeEndObject();
        });
    }

    /** A {@code split} or {@code dividend} line: symbol, ex-date and value (new shares per old, or cash per share). */
    @Override
    public void onCorporateAction(CorporateAction action) {
        write(() -> {
            json.writeStartObject();
            json.writeStringField("type", action.kind().label());
            json.writeStringField("symbol", action.symbol().value());
            json.writeStringField("ex_date", action.exDate().toString());
            quantity("value", action.value());  // a split ratio or cash amount, spelt like a volume: 7, 3.29
            json.writeEndObject();
        });
    }

    @Override
    public void onBarView(BarView bar) {
        writeBar(bar);
    }

    @Override
    public void onDerivedBarView(BarView bar) {
        writeBar(bar);
    }

    /** A {@code bar} line, written from the view during the call: no bar value is made for it. */
    private void writeBar(BarView bar) {
        write(() -> {
            json.writeStartObject();
            json.writeStringField("type", "bar");
            json.writeStringField("symbol", bar.symbol().value());
            json.writeStringField("interval", bar.interval().toString());
            json.writeStringField("start", bar.start().toString());
            json.writeNumberField("open", bar.open());
            json.writeNumberField("high", bar.high());
            json.writeNumberField("low", bar.low());
            json.writeNumberField("close", bar.close());
            quantity("volume", bar.volume());
            Normalization mode = normalizations.apply(bar.symbol());
            if (mode != Normalization.RAW) {
                json.writeStringField("normalization", mode.label());
            }
            flag("partial", bar.isPartial());
            flag("synthetic", bar.isSynthetic());
            flag("filled", bar.isFilled());
            flag("revised", bar.isRevised());
            json.writeEndObject();
        });
    }

    @Override
    public void onQuoteBarView(QuoteBarView bar) {
        writeQuoteBar(bar);
    }

    @Override
    public void onDerivedQuoteBarView(QuoteBarView bar) {
        writeQuoteBar(bar);
    }

    /**
     * A {@code quote_bar} line: both sides' open, high, low, close and last size. An absent side has null prices and
     * size 0. Prices print as the shortest decimal that reads back to the same double, as on bar lines.
     */
    private void writeQuoteBar(QuoteBarView bar) {
        write(() -> {
            json.writeStartObject();
            json.writeStringField("type", "quote_bar");
            json.writeStringField("symbol", bar.symbol().value());
            json.writeStringField("interval", bar.interval().toString());
            json.writeStringField("start", bar.start().toString());
            price("bidOpen", bar.bidOpen());
            price("bidHigh", bar.bidHigh());
            price("bidLow", bar.bidLow());
            price("bidClose", bar.bidClose());
            size("bidSize", bar.bidSize());
            price("askOpen", bar.askOpen());
            price("askHigh", bar.askHigh());
            price("askLow", bar.askLow());
            price("askClose", bar.askClose());
            size("askSize", bar.askSize());
            flag("partial", bar.isPartial());
            flag("revised", bar.isRevised());
            json.writeEndObject();
        });
    }

    /** A price, or null for an absent side (NaN is not JSON). */
    private void price(String name, double value) throws IOException {
        if (Double.isNaN(value)) {
            json.writeNullField(name);
        } else {
            json.writeNumberField(name, value);
        }
    }

    /** A size: a whole number prints without a fraction, as a bar's volume does; a fractional one as a double. */
    private void size(String name, double value) throws IOException {
        if (value == Math.rint(value) && Math.abs(value) < 0x1p53) {
            json.writeNumberField(name, (long) value);
        } else {
            json.writeNumberField(name, value);
        }
    }

    @Override
    public void onQuoteView(QuoteView q) {
        write(() -> {
            json.writeStartObject();
            json.writeStringField("type", "quote");
            json.writeStringField("symbol", q.symbol().value());
            json.writeStringField("time", q.time().toString());
            json.writeNumberField("bid", q.bid());
            json.writeNumberField("ask", q.ask());
            quantity("bidSize", q.bidSize());
            quantity("askSize", q.askSize());
            json.writeEndObject();
        });
    }

    @Override
    public void onTradeView(TradeView t) {
        write(() -> {
            json.writeStartObject();
            json.writeStringField("type", "trade");
            json.writeStringField("symbol", t.symbol().value());
            json.writeStringField("time", t.time().toString());
            json.writeNumberField("price", t.price());
            quantity("size", t.size());
            json.writeEndObject();
        });
    }

    @Override
    public void onSessionEnd(SessionEnd end) {
        write(() -> {
            json.writeStartObject();
            json.writeStringField("type", "session_end");
            json.writeStringField("date", end.date().toString());
            json.writeStringField("time", end.time().toString());
            json.writeStringField("reason", end.reason().code());
            json.writeEndObject();
        });
        flush();  // a long run's file is readable up to the last session that ended
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            json.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void flush() {
        if (closed) {
            return;
        }
        try {
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write events: " + e.getMessage(), e);
        }
    }

    /** A volume or size as {@link Quantities#format} spells it: {@code 81489219}, {@code 0.66756}. */
    private void quantity(String name, double value) throws IOException {
        json.writeFieldName(name);
        json.writeNumber(Quantities.format(value));
    }

    private void flag(String name, boolean set) throws IOException {
        if (set) {
            json.writeBooleanField(name, true);
        }
    }

    private synchronized void write(JsonWrite w) {
        if (closed) {
            return;
        }
        try {
            w.run();
            json.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write events: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface JsonWrite {
        void run() throws IOException;
    }
}
