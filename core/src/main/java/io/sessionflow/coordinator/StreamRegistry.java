package io.sessionflow.coordinator;

import io.sessionflow.api.MarketDataListener;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.session.SessionData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which streams, listeners and inputs the coordinator has: registered and cancelled from any thread, read by the
 * coordinator through version-stamped arrays it caches (a new version only when something changed).
 *
 * <p>Threading: thread-safe; writes under one lock, arrays published through volatile fields.
 */
final class StreamRegistry {

    private final SessionData data;
    private final Object lock = new Object();
    private final Map<Symbol, SymbolChannel> channels = new TreeMap<>();
    private volatile ListenerSet listeners = ListenerSet.EMPTY;
    private volatile EventQueue[] inputs = new EventQueue[0];
    private volatile SymbolChannel[] channelArray = new SymbolChannel[0];
    /** Bumped whenever a symbol gets its channel. */
    private volatile int version;
    /** Whether a quote bar stream was ever registered: only then do flushes visit every symbol's quote windows. */
    private volatile boolean anyQuoteBars;

    StreamRegistry(SessionData data) {
        this.data = Objects.requireNonNull(data, "data");
    }

    void addInput(EventQueue q) {
        synchronized (lock) {
            EventQueue[] next = Arrays.copyOf(inputs, inputs.length + 1);
            next[next.length - 1] = q;
            inputs = next;
        }
    }

    EventQueue[] inputs() {
        return inputs;
    }

    /** Registers the {@code type} stream of each of {@code symbols}; the channel array is rebuilt once for them all. */
    void register(Collection<Symbol> symbols, StreamType type) {
        if (type == StreamType.QUOTE_BARS) {
            anyQuoteBars = true;
        }
        synchronized (lock) {
            boolean added = false;
            for (Symbol symbol : symbols) {
                SymbolChannel ch = channels.get(symbol);
                if (ch == null) {
                    ch = new SymbolChannel(symbol, data.register(symbol));
                    channels.put(symbol, ch);
                    added = true;
                }
                ch.set(type, true);
            }
            if (added) {
                channelArray = channels.values().toArray(new SymbolChannel[0]);
                version++;  // batches already resolved may now name them
            }
        }
    }

    /** Whether a quote bar stream was ever registered (cancelled ones included). */
    boolean anyQuoteBars() {
        return anyQuoteBars;
    }

    void cancel(Symbol symbol, StreamType type) {
        synchronized (lock) {
            SymbolChannel ch = channels.get(symbol);
            if (ch != null) {
                ch.set(type, false);
            }
        }
    }

    boolean isRegistered(Symbol symbol, StreamType type) {
        synchronized (lock) {
            SymbolChannel ch = channels.get(symbol);
            return ch != null && ch.active(type);
        }
    }

    /** Symbols with the {@code type} stream registered, in symbol order. */
    List<Symbol> registered(StreamType type) {
        List<Symbol> out = new ArrayList<>();
        for (SymbolChannel ch : channelArray) {
            if (ch.active(type)) {
                out.add(ch.symbol);
            }
        }
        return out;
    }

    void subscribe(MarketDataListener listener) {
        synchronized (lock) {
            listeners = listeners.with(listener);
        }
    }

    void unsubscribe(MarketDataListener listener) {
        synchronized (lock) {
            listeners = listeners.without(listener);
        }
    }

    ListenerSet listeners() {
        return listeners;
    }

    SessionData data() {
        return data;
    }

    int version() {
        return version;
    }

    /** Every symbol's channel, in symbol order. */
    SymbolChannel[] channels() {
        return channelArray;
    }

    /** The channel for each entry of a batch's symbol table (null where the symbol has none). */
    SymbolChannel[] resolve(List<Symbol> table) {
        SymbolChannel[] out = new SymbolChannel[table.size()];
        synchronized (lock) {
            for (int k = 0; k < out.length; k++) {
                out[k] = channels.get(table.get(k));
            }
        }
        return out;
    }
}
