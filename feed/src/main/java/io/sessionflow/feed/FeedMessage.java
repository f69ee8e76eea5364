package io.sessionflow.feed;

import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Quote;
import io.sessionflow.domain.Trade;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link FeedTransport} decoded from the server: control answers and market events. A transport turns every
 * frame into one of these; a frame it cannot read becomes {@link Skipped} (counted), never an exception.
 *
 * <p>Immutable; safe to share between threads.
 */
public sealed interface FeedMessage {

    /** The credentials were accepted. */
    record Authenticated() implements FeedMessage {
    }

    /** The credentials were refused: terminal, since retrying the same key only hammers the server. */
    record AuthRejected(String reason) implements FeedMessage {
        public AuthRejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The server's view of the whole subscription after a subscribe or unsubscribe. */
    record Subscribed(Subscription current) implements FeedMessage {
        public Subscribed {
            Objects.requireNonNull(current, "current");
        }
    }

    /**
     * An error the server reported.
     *
     * @param fatal true when reconnecting cannot help (the connection fails); false to back off and reconnect
     *              (a connection limit, a server restart)
     */
    record ServerError(int code, String message, boolean fatal) implements FeedMessage {
        public ServerError {
            Objects.requireNonNull(message, "message");
        }
    }

    /** 1m bars; a bar is available at its end. */
    record Bars(List<Bar> bars) implements FeedMessage {
        public Bars {
            bars = List.copyOf(bars);
            for (Bar b : bars) {
                if (!b.interval().isOneMinute()) {
                    throw new IllegalArgumentException("a feed sends 1m bars, not " + b.interval() + " (" + b.symbol()
                            + " " + b.start() + ")");
                }
            }
        }
    }

    record Quotes(List<Quote> quotes) implements FeedMessage {
        public Quotes {
            quotes = List.copyOf(quotes);
        }
    }

    record Trades(List<Trade> trades) implements FeedMessage {
        public Trades {
            trades = List.copyOf(trades);
        }
    }

    /** A frame the transport could not use; {@code reason} is cut short and holds no secret. */
    record Skipped(String reason) implements FeedMessage {
        public Skipped {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The server showed it is alive without sending data (a WebSocket ping): it resets the silence timeout and is
     * counted as no message.
     */
    record Heartbeat() implements FeedMessage {
    }
}
