package io.sessionflow.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of a feed's health, for a status line and for alerts. A message may carry many events, so the two
 * counts are independent.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param state             where the connection stands
 * @param messages          messages received from the transport since the feed was built
 * @param events            market events (bars, quotes, trades) among them, counted one by one
 * @param messagesPerSecond the message rate over the last whole measuring window
 * @param reconnects        connection attempts after the first
 * @param lateEvents        events that came behind the feed's watermark (delivered at once, as late)
 * @param skipped           messages the transport could not use (malformed, unknown type) or that overflowed the inbox
 * @param lastMessageTime   market-clock time of the last message received; null before the first
 * @param lag               market-clock time of the last event's arrival minus that event's time; null before the first
 * @param failure           why the feed failed or last broke; null when it never did
 */
public record FeedHealth(FeedState state, long messages, long events, double messagesPerSecond, long reconnects,
                         long lateEvents, long skipped, Instant lastMessageTime, Duration lag, String failure) {

    public FeedHealth {
        Objects.requireNonNull(state, "state");
        requireCount("messages", messages);
        requireCount("events", events);
        requireCount("reconnects", reconnects);
        requireCount("lateEvents", lateEvents);
        requireCount("skipped", skipped);
        if (!(messagesPerSecond >= 0) || Double.isInfinite(messagesPerSecond)) {
            throw new IllegalArgumentException("messages per second " + messagesPerSecond + " is not a finite rate");
        }
    }

    private static void requireCount(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " " + value + " is negative");
        }
    }

    public Optional<Instant> lastMessage() {
        return Optional.ofNullable(lastMessageTime);
    }

    public Optional<Duration> currentLag() {
        return Optional.ofNullable(lag);
    }

    public Optional<String> lastFailure() {
        return Optional.ofNullable(failure);
    }
}
