package io.sessionflow.testing;

import io.sessionflow.calendar.TradingSession;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.SessionEnd;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Quote;
import io.sessionflow.domain.QuoteBar;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.Trade;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Records every delivered event with the time the data manager showed when it was delivered, and renders events as
 * canonical text lines so that runs compare byte for byte. Thread-safe (synchronized list).
 */
public final class EventLog implements MarketDataListener {

    /** One delivered event and the current time at its delivery. Immutable. */
    public record Entry(Object event, Instant at) {
        /** The event's canonical line. */
        public String line() {
            return EventLog.line(event);
        }

        /** When the event became available: a bar's end, a tick's time; null for session boundaries. */
        public Instant availableAt() {
            if (event instanceof Bar b) {
                return b.end();
            }
            if (event instanceof QuoteBar b) {
                return b.start().plus(b.interval().duration());
            }
            if (event instanceof Quote q) {
                return q.time();
            }
            if (event instanceof Trade t) {
                return t.time();
            }
            return null;
        }
    }

    /** Identifies a bar regardless of its values and flags. */
    public record BarKey(Symbol symbol, Interval interval, Instant start) implements Comparable<BarKey> {
        public static BarKey of(Bar b) {
            return new BarKey(b.symbol(), b.interval(), b.start());
        }

        @Override
        public int compareTo(BarKey o) {
            int c = symbol.compareTo(o.symbol);
            if (c == 0) {
                c = interval.compareTo(o.interval);
            }
            return c != 0 ? c : start.compareTo(o.start);
        }
    }

    private final Supplier<Instant> clock;
    private final List<Entry> entries = Collections.synchronizedList(new ArrayList<>());

    public EventLog(Supplier<Instant> clock) {
        this.clock = clock;
    }

    @Override
    public void onSessionStart(TradingSession session) {
        add(session);
    }

    @Override
    public void onBar(Bar bar) {
        add(bar);
    }

    @Override
    public void onDerivedBar(Bar bar) {
        add(bar);
    }

    @Override
    public void onQuoteBar(QuoteBar bar) {
        add(bar);
    }

    @Override
    public void onDerivedQuoteBar(QuoteBar bar) {
        add(bar);
    }

    @Override
    public void onQuote(Quote quote) {
        add(quote);
    }

    @Override
    public void onTrade(Trade trade) {
        add(trade);
    }

    @Override
    public void onSessionEnd(SessionEnd end) {
        add(end);
    }

    private void add(Object event) {
        entries.add(new Entry(event, clock.get()));
    }

    public List<Entry> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    /** The entries of each session, from its session_start to its session_end inclusive, by session date. */
    public Map<LocalDate, List<Entry>> sessions() {
        Map<LocalDate, List<Entry>> out = new LinkedHashMap<>();
        List<Entry> current = null;
        for (Entry e : entries()) {
            if (e.event() instanceof TradingSession s) {
                current = new ArrayList<>();
                out.put(s.date(), current);
            }
            if (current == null) {
                throw new IllegalStateException("event before any session start: " + e.line());
            }
            current.add(e);
        }
        return out;
    }

    /** Bars of one interval among {@code entries}, in order. */
    public static List<Bar> bars(List<Entry> entries, Interval interval) {
        return entries.stream().map(Entry::event).filter(e -> e instanceof Bar b && b.interval().equals(interval))
                .map(Bar.class::cast).toList();
    }

    /** Canonical lines of every event, in delivery order. */
    public List<String> lines() {
        return entries().stream().map(Entry::line).toList();
    }

    /** Canonical lines with the delivery time: equal lists mean equal events at equal times. */
    public List<String> timedLines() {
        return entries().stream().map(e -> e.line() + " @" + e.at()).toList();
    }

    public <T> List<T> of(Class<T> type) {
        return entries().stream().map(Entry::event).filter(type::isInstance).map(type::cast).toList();
    }

    /** Delivered bars of {@code interval}, in delivery order (revisions included). */
    public List<Bar> bars(Interval interval) {
        return of(Bar.class).stream().filter(b -> b.interval().equals(interval)).toList();
    }

    /** The last delivered version of every bar, by symbol, interval and start. */
    public TreeMap<BarKey, Bar> finalBars() {
        TreeMap<BarKey, Bar> out = new TreeMap<>();
        for (Bar b : of(Bar.class)) {
            out.put(BarKey.of(b), b);
        }
        return out;
    }

    /** As {@link #finalBars()} for one interval, with the revised flag cleared (values only). */
    public Map<BarKey, Bar> finalValues(Interval interval) {
        TreeMap<BarKey, Bar> out = new TreeMap<>();
        finalBars().forEach((k, b) -> {
            if (k.interval().equals(interval)) {
                out.put(k, b.withFlags(b.flags() & ~Bar.REVISED));
            }
        });
        return out;
    }

    /** The canonical text of a delivered event. */
    public static String line(Object e) {
        if (e instanceof Bar b) {
            return "bar " + b.symbol() + " " + b.interval() + " " + b.start() + " " + b.open() + " " + b.high() + " "
                    + b.low() + " " + b.close() + " " + b.volume() + " flags=" + b.flags();
        }
        if (e instanceof QuoteBar b) {
            return "quote_bar " + b.symbol() + " " + b.interval() + " " + b.start() + " bid " + b.bidOpen() + " "
                    + b.bidHigh() + " " + b.bidLow() + " " + b.bidClose() + " " + b.bidSize() + " ask " + b.askOpen()
                    + " " + b.askHigh() + " " + b.askLow() + " " + b.askClose() + " " + b.askSize() + " flags="
                    + b.flags();
        }
        if (e instanceof Quote q) {
            return "quote " + q.symbol() + " " + q.time() + " " + q.bid() + " " + q.ask() + " " + q.bidSize() + " "
                    + q.askSize();
        }
        if (e instanceof Trade t) {
            return "trade " + t.symbol() + " " + t.time() + " " + t.price() + " " + t.size();
        }
        if (e instanceof TradingSession s) {
            return "session_start " + s.date() + " " + s.open() + " " + s.close();
        }
        if (e instanceof SessionEnd s) {
            return "session_end " + s.date() + " " + s.time() + " " + s.reason().code();
        }
        throw new IllegalArgumentException("not an event: " + e);
    }
}
