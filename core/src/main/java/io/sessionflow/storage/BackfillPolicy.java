package io.sessionflow.storage;

import java.time.Duration;
import java.util.Objects;

/**
 * How a backfilling store ({@link MarketDataStores#withBarBackfill}) treats its provider.
 *
 * @param settle          how long after a minute's end the provider's answer for it is taken as final: a minute asked
 *                        for at least this long after its end, and still without a bar, is not asked for again (it had
 *                        no trades); a younger one is asked again by the next read that lacks it, because vendors
 *                        publish a minute's bar a little after the minute
 * @param failureCooldown after a failed fetch, how long reads return the store's bars without asking the provider, so
 *                        an outage costs one attempt per cooldown, not one per read
 *
 * <p>Immutable; safe to share between threads.
 */
public record BackfillPolicy(Duration settle, Duration failureCooldown) {

    /** Two minutes to settle, thirty seconds of quiet after a failure. */
    public static final BackfillPolicy DEFAULT = new BackfillPolicy(Duration.ofMinutes(2), Duration.ofSeconds(30));

    public BackfillPolicy {
        Objects.requireNonNull(settle, "settle");
        Objects.requireNonNull(failureCooldown, "failureCooldown");
        if (settle.isNegative()) {
            throw new IllegalArgumentException("backfill settle " + settle + " is negative");
        }
        if (failureCooldown.isNegative()) {
            throw new IllegalArgumentException("backfill failure cooldown " + failureCooldown + " is negative");
        }
    }
}
