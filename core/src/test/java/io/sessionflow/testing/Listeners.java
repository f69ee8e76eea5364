package io.sessionflow.testing;

import io.sessionflow.api.MarketDataListener;
import io.sessionflow.domain.Bar;
import java.time.Instant;
import java.util.function.Predicate;

/** Listeners that act on the coordinator thread at a chosen point of a run. */
public final class Listeners {

    private Listeners() {
    }

    /** Runs {@code action} once, at the first 1m bar {@code when} accepts (right after its delivery). */
    public static MarketDataListener onceAt(Predicate<Bar> when, Runnable action) {
        return new MarketDataListener() {
            private boolean done;

            @Override
            public void onBar(Bar bar) {
                if (!done && when.test(bar)) {
                    done = true;
                    action.run();
                }
            }
        };
    }

    /** Runs {@code action} once, at the first 1m bar that becomes available at {@code t}. */
    public static MarketDataListener onceAt(Instant t, Runnable action) {
        return onceAt(b -> b.end().equals(t), action);
    }
}
