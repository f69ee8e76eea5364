package io.sessionflow.feed.server;

import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One connection's subscription: symbols (or the wildcard {@code *}) per channel of the stock stream. Channels the
 * server has no data for ({@code updatedBars}: stored bars are final; {@code dailyBars}, {@code statuses},
 * {@code lulds}, {@code imbalances}) are kept and listed in the answer, but nothing is sent on them.
 *
 * <p>Immutable; safe to share between threads.
 */
final class ChannelSet {

    /** The channels a subscribe may name, in Alpaca's order; corrections and cancel errors follow trades. */
    static final List<String> CHANNELS = List.of("trades", "quotes", "bars", "updatedBars", "dailyBars", "statuses",
            "lulds", "imbalances");
    static final String WILDCARD = "*";

    static final ChannelSet EMPTY = new ChannelSet(Map.of());

    private final Map<String, SortedSet<String>> channels;

    private ChannelSet(Map<String, SortedSet<String>> channels) {
        this.channels = channels;
    }

    /** This subscription plus ({@code add}) or minus the given symbols per channel. */
    ChannelSet change(boolean add, Map<String, ? extends Collection<String>> request) {
        Map<String, SortedSet<String>> m = new LinkedHashMap<>();
        for (String channel : CHANNELS) {
            TreeSet<String> s = new TreeSet<>(channels.getOrDefault(channel, Collections.emptySortedSet()));
            Collection<String> delta = request.get(channel);
            if (delta != null) {
                if (add) {
                    s.addAll(delta);
                } else {
                    s.removeAll(delta);
                }
            }
            if (!s.isEmpty()) {
                m.put(channel, Collections.unmodifiableSortedSet(s));
            }
        }
        return new ChannelSet(Collections.unmodifiableMap(m));
    }

    /** Whether a data point of {@code type} for {@code symbol} goes to this subscription. */
    boolean wants(StreamType type, Symbol symbol) {
        SortedSet<String> s = channels.get(channelOf(type));
        return s != null && (s.contains(WILDCARD) || s.contains(symbol.value()));
    }

    /** Whether any channel with data has a symbol: the sender skips connections that want nothing. */
    boolean wantsData() {
        return channels.containsKey("trades") || channels.containsKey("quotes") || channels.containsKey("bars");
    }

    /** Distinct entries on the trades and quotes channels: what a plan's symbol limit counts (bars are unlimited). */
    int limitedSymbols() {
        TreeSet<String> s = new TreeSet<>(channels.getOrDefault("trades", Collections.emptySortedSet()));
        s.addAll(channels.getOrDefault("quotes", Collections.emptySortedSet()));
        return s.size();
    }

    /** The subscription per channel for the answer; channels without symbols are absent (the encoder lists them). */
    Map<String, SortedSet<String>> channels() {
        return channels;
    }

    static String channelOf(StreamType type) {
        return switch (type) {
            case BARS -> "bars";
            case QUOTES -> "quotes";
            case TRADES -> "trades";
            case QUOTE_BARS -> throw new IllegalArgumentException("the feed server has no quote bar channel");
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelSet c && c.channels.equals(channels);
    }

    @Override
    public int hashCode() {
        return channels.hashCode();
    }

    @Override
    public String toString() {
        return channels.toString();
    }
}
