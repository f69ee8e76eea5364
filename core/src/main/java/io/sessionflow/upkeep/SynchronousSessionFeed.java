package io.sessionflow.upkeep;

import io.sessionflow.calendar.TradingSession;
import io.sessionflow.coordinator.StreamCoordinator;
import io.sessionflow.domain.StreamType;
import io.sessionflow.session.SessionData;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Loads each session on the coordinator's own thread the moment it is requested: no prefetch and no completeness
 * checks. It is what runs when the upkeep thread is off, and the baseline the upkeep thread is measured against.
 * The coordinator cannot tell the difference: both answer the same {@code sessionEnded} hand-off.
 *
 * <p>Threading: runs on the coordinator thread, inside its session request.
 */
public final class SynchronousSessionFeed {

    private final SessionLoader loader;
    private final StreamCoordinator coordinator;
    private final SessionData data;
    private final SessionLoad.Inputs inputs;

    private SynchronousSessionFeed(SessionLoader loader, StreamCoordinator coordinator, SessionData data,
                                   SessionLoad.Inputs inputs) {
        this.loader = loader;
        this.coordinator = coordinator;
        this.data = data;
        this.inputs = inputs;
    }

    /** Attaches a feed that answers every session request of {@code data}. */
    public static void attach(SessionLoader loader, StreamCoordinator coordinator, SessionData data,
                              SessionLoad.Inputs inputs) {
        SynchronousSessionFeed feed = new SynchronousSessionFeed(loader, coordinator, data, inputs);
        data.onSessionRequested(feed::load);
    }

    private void load(TradingSession session) {
        SessionLoad load = loader.load(session, coordinator.registered(StreamType.BARS),
                coordinator.registered(StreamType.QUOTES), coordinator.registered(StreamType.TRADES),
                symbol -> SessionLoader.heldHistory(data, List.of(), symbol, session));
        try {
            load.handTo(inputs, data, 0, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading session " + session.date(), e);
        }
    }
}
