package io.sessionflow.feed;

import io.sessionflow.bars.TradeBarBuilder;
import io.sessionflow.bars.TradeBarConfig;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Trade;
import java.util.ArrayList;
import java.util.List;

/**
 * A feed's 1m bars built from the trades it receives ({@link FeedSettings#barsFromTrades()}): each trade goes to a
 * {@link TradeBarBuilder}; the market clock less the feed's grace closes quiet symbols' minutes. A minute's bar comes
 * out once it is final, a late trade's updated bar at once (it reaches the coordinator as a late bar).
 *
 * <p>Threading: the feed's thread only.
 */
final class TradeBarStage {

    private final List<Bar> made = new ArrayList<>();
    private final TradeBarBuilder builder;

    TradeBarStage(TradeBarConfig config) {
        this.builder = new TradeBarBuilder(config, (bar, late) -> made.add(bar));
    }

    /** The bars the trades completed or updated, as a message; null when none. */
    FeedMessage.Bars accept(List<Trade> trades) {
        for (Trade t : trades) {
            builder.accept(t);
        }
        return take();
    }

    /** The bars of the minutes final by {@code micros} (no trade before it is expected); null when none. */
    FeedMessage.Bars advanceTo(long micros) {
        builder.advanceTo(micros);
        return take();
    }

    private FeedMessage.Bars take() {
        if (made.isEmpty()) {
            return null;
        }
        FeedMessage.Bars m = new FeedMessage.Bars(made);
        made.clear();
        return m;
    }
}
