package io.sessionflow.feed;

import java.util.ArrayList;
import java.util.List;

/** A transport the test plays the server for: it records openings and requests, and the test calls the receiver. */
final class ScriptedTransport implements FeedTransport {

    final List<FeedTransport.Receiver> openings = new ArrayList<>();
    final List<FeedRequest> sent = new ArrayList<>();
    int closes;

    @Override
    public void open(Receiver receiver) {
        openings.add(receiver);
    }

    @Override
    public void send(FeedRequest request) {
        sent.add(request);
    }

    @Override
    public void close() {
        closes++;
    }

    /** The receiver of the latest opening. */
    Receiver server() {
        return openings.get(openings.size() - 1);
    }

    FeedRequest lastSent() {
        return sent.get(sent.size() - 1);
    }
}
