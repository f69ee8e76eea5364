package io.sessionflow.feed;

import io.sessionflow.bars.TradeBarConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The timing of a {@link FeedConnection}.
 *
 * @param backoff          delays between connection attempts
 * @param connectTimeout   how long opening may take
 * @param answerTimeout    how long the server may take to answer the credentials or a subscription
 * @param silenceTimeout   how long a streaming connection may stay silent before it is taken for dead and reopened
 *                         (servers send heartbeats or data well within it)
 * @param stableAfter      how long a connection must stream before the failure count (and so the backoff) resets;
 *                         a server that accepts and drops at once keeps backing off further
 * @param grace            how far behind the market clock events may still arrive in order: the watermark is
 *                         {@code clock - grace}; an event behind it is late
 * @param inboxCapacity    messages the transport may queue between two duty cycles; more fail the connection
 * @param rateWindow       the window over which messages per second are measured
 * @param barsFromTrades   when present, the feed also builds 1m bars from the trades it receives (for feeds and
 *                         subscriptions that send trades only), with this late-trade grace and revision window
 *
 * <p>Immutable.
 */
public record FeedSettings(Backoff backoff, Duration connectTimeout, Duration answerTimeout, Duration silenceTimeout,
                           Duration stableAfter, Duration grace, int inboxCapacity, Duration rateWindow,
                           Optional<TradeBarConfig> barsFromTrades) {

    public static final FeedSettings DEFAULT = new FeedSettings(Backoff.DEFAULT, Duration.ofSeconds(10),
            Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(2), 65_536,
            Duration.ofSeconds(1), Optional.empty());

    public FeedSettings {
        Objects.requireNonNull(backoff, "backoff");
        positive("connectTimeout", connectTimeout);
        positive("answerTimeout", answerTimeout);
        positive("silenceTimeout", silenceTimeout);
        Objects.requireNonNull(stableAfter, "stableAfter");
        Objects.requireNonNull(grace, "grace");
        if (stableAfter.isNegative() || grace.isNegative()) {
            throw new IllegalArgumentException("stableAfter " + stableAfter + " and grace " + grace
                    + " must not be negative");
        }
        if (inboxCapacity < 1) {
            throw new IllegalArgumentException("inbox capacity " + inboxCapacity + " is not positive");
        }
        positive("rateWindow", rateWindow);
        Objects.requireNonNull(barsFromTrades, "barsFromTrades");
    }

    /** Settings without bars from trades. */
    public FeedSettings(Backoff backoff, Duration connectTimeout, Duration answerTimeout, Duration silenceTimeout,
                        Duration stableAfter, Duration grace, int inboxCapacity, Duration rateWindow) {
        this(backoff, connectTimeout, answerTimeout, silenceTimeout, stableAfter, grace, inboxCapacity, rateWindow,
                Optional.empty());
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " " + d + " is not positive");
        }
    }

    public FeedSettings withBackoff(Backoff b) {
        return new FeedSettings(b, connectTimeout, answerTimeout, silenceTimeout, stableAfter, grace, inboxCapacity,
                rateWindow, barsFromTrades);
    }

    public FeedSettings withInboxCapacity(int n) {
        return new FeedSettings(backoff, connectTimeout, answerTimeout, silenceTimeout, stableAfter, grace, n,
                rateWindow, barsFromTrades);
    }

    /** These settings, building 1m bars from the trades received with {@code config}. */
    public FeedSettings withBarsFromTrades(TradeBarConfig config) {
        return new FeedSettings(backoff, connectTimeout, answerTimeout, silenceTimeout, stableAfter, grace,
                inboxCapacity, rateWindow, Optional.of(config));
    }
}
