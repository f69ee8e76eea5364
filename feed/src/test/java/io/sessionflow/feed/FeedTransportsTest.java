package io.sessionflow.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedTransportsTest {

    @Test
    void theReplayStartsWithTheFirstSubscriptionAcknowledgementOnly() {
        List<String> calls = new ArrayList<>();
        List<FeedTransport.Receiver> opened = new ArrayList<>();
        FeedTransport inner = new FeedTransport() {
            @Override
            public void open(Receiver r) {
                opened.add(r);
            }

            @Override
            public void send(FeedRequest request) {
                calls.add("send " + request.getClass().getSimpleName());
            }

            @Override
            public void close() {
                calls.add("close");
            }
        };
        FeedTransport t = FeedTransports.startingOnFirstSubscription(inner, () -> calls.add("replay starts"));
        FeedTransport.Receiver feed = new FeedTransport.Receiver() {
            @Override
            public void onOpen() {
                calls.add("open");
            }

            @Override
            public void onMessage(FeedMessage m) {
                calls.add(m.getClass().getSimpleName());
            }

            @Override
            public void onClosed(String reason) {
                calls.add("closed");
            }
        };
        Subscription s = Subscription.of(StreamType.BARS, Symbol.of("AAA"));
        for (int reconnect = 0; reconnect < 2; reconnect++) {
            t.open(feed);
            FeedTransport.Receiver server = opened.get(opened.size() - 1);
            server.onOpen();
            server.onMessage(new FeedMessage.Authenticated());
            t.send(new FeedRequest.Subscribe(s));
            server.onMessage(new FeedMessage.Subscribed(s));
            server.onClosed("gone");
            t.close();
        }
        assertThat(calls).containsExactly(
                "open", "Authenticated", "send Subscribe", "replay starts", "Subscribed", "closed", "close",
                "open", "Authenticated", "send Subscribe", "Subscribed", "closed", "close");
    }
}
