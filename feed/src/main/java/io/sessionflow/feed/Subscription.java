package io.sessionflow.feed;

import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Symbols per stream type: what a feed is asked to send. Stream types with no symbols are left out, so two
 * subscriptions with the same symbols are equal. Set algebra ({@link #plus}, {@link #minus}) returns new values.
 *
 * <p>Immutable; safe to share between threads.
 */
public record Subscription(Map<StreamType, SortedSet<Symbol>> streams) {

    public static final Subscription NONE = new Subscription(Map.of());

    public Subscription {
        Objects.requireNonNull(streams, "streams");
        EnumMap<StreamType, SortedSet<Symbol>> copy = new EnumMap<>(StreamType.class);
        streams.forEach((type, symbols) -> {
            Objects.requireNonNull(type, "stream type");
            Objects.requireNonNull(symbols, "symbols of " + type);
            TreeSet<Symbol> set = new TreeSet<>();
            for (Symbol s : symbols) {
                set.add(Objects.requireNonNull(s, "a symbol of " + type));
            }
            if (!set.isEmpty()) {
                copy.put(type, Collections.unmodifiableSortedSet(set));
            }
        });
        streams = Collections.unmodifiableMap(copy);
    }

    /** {@code symbols} on one stream type. */
    public static Subscription of(StreamType type, Collection<Symbol> symbols) {
        return new Subscription(Map.of(type, new TreeSet<>(symbols)));
    }

    /** {@code symbols} on one stream type. */
    public static Subscription of(StreamType type, Symbol... symbols) {
        return of(type, java.util.List.of(symbols));
    }

    /** The symbols on {@code type}; empty when none. */
    public SortedSet<Symbol> symbols(StreamType type) {
        return streams.getOrDefault(type, Collections.emptySortedSet());
    }

    public boolean isEmpty() {
        return streams.isEmpty();
    }

    /** Everything in this or in {@code other}. */
    public Subscription plus(Subscription other) {
        EnumMap<StreamType, SortedSet<Symbol>> m = new EnumMap<>(StreamType.class);
        for (StreamType t : StreamType.values()) {
            TreeSet<Symbol> s = new TreeSet<>(symbols(t));
            s.addAll(other.symbols(t));
            m.put(t, s);
        }
        return new Subscription(m);
    }

    /** What is in this but not in {@code other}. */
    public Subscription minus(Subscription other) {
        EnumMap<StreamType, SortedSet<Symbol>> m = new EnumMap<>(StreamType.class);
        for (StreamType t : StreamType.values()) {
            TreeSet<Symbol> s = new TreeSet<>(symbols(t));
            s.removeAll(other.symbols(t));
            m.put(t, s);
        }
        return new Subscription(m);
    }

    /** Whether {@code symbol} is subscribed on {@code type}. */
    public boolean contains(StreamType type, Symbol symbol) {
        return symbols(type).contains(symbol);
    }
}
