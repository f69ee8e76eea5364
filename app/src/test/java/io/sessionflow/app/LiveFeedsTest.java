package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.feed.Credentials;
import io.sessionflow.feed.FeedMessage;
import io.sessionflow.feed.FeedRequest;
import io.sessionflow.feed.FeedTransport;
import io.sessionflow.feed.Subscription;
import io.sessionflow.feed.alpaca.AlpacaFeed;
import io.sessionflow.feed.alpaca.AlpacaTransport;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveFeedsTest {

    private static final Map<String, String> ENV = Map.of(LiveFeeds.KEY_VARIABLE, "PKENV0042",
            LiveFeeds.SECRET_VARIABLE, "env-secret");

    @TempDir
    Path dir;

    @Test
    void credentialsComeFromTheFileThenTheEnvironment() throws Exception {
        Path file = Files.writeString(dir.resolve("c.properties"), "key_id=PKFILE0001\nsecret_key=file-secret\n");
        assertThat(LiveFeeds.credentials(LiveFeeds.Kind.ALPACA, file, ENV))
                .isEqualTo(Credentials.of("PKFILE0001", "file-secret"));
        assertThat(LiveFeeds.credentials(LiveFeeds.Kind.ALPACA, null, ENV))
                .isEqualTo(Credentials.of("PKENV0042", "env-secret"));
        assertThat(LiveFeeds.credentials(LiveFeeds.Kind.SERVER, null, ENV)).as("a server may get real ones too")
                .isEqualTo(Credentials.of("PKENV0042", "env-secret"));
        assertThat(LiveFeeds.credentials(LiveFeeds.Kind.SERVER, null, Map.of())).isEqualTo(LiveFeeds.PAPER);
    }

    @Test
    void missingCredentialsNameTheVariablesAndNoValue() throws Exception {
        assertThatThrownBy(() -> LiveFeeds.credentials(LiveFeeds.Kind.ALPACA, null, Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessage("--feed alpaca needs an API key: environment variable APCA_API_KEY_ID is missing or "
                        + "blank; set APCA_API_KEY_ID and APCA_API_SECRET_KEY or pass --credentials FILE");
        assertThatThrownBy(() -> LiveFeeds.credentials(LiveFeeds.Kind.SERVER, null,
                Map.of(LiveFeeds.KEY_VARIABLE, "PKHALF0001")))
                .as("half a pair is a mistake, not a paper run").isInstanceOf(UsageException.class)
                .hasMessageContaining("APCA_API_SECRET_KEY is missing").hasMessageNotContaining("PKHALF0001");
        Path noSecret = Files.writeString(dir.resolve("half.properties"), "key_id=PKFILE0001\n");
        assertThatThrownBy(() -> LiveFeeds.credentials(LiveFeeds.Kind.ALPACA, noSecret, ENV))
                .isInstanceOf(UsageException.class).hasMessageContaining("secret_key in " + noSecret)
                .hasMessageNotContaining("PKFILE0001");
    }

    @Test
    void theStreamBaseDefaultsPerFeedAndMustBeAWebSocketUrl() {
        assertThat(LiveFeeds.base(LiveFeeds.Kind.ALPACA, null)).isEqualTo(AlpacaTransport.DEFAULT_BASE);
        assertThat(LiveFeeds.base(LiveFeeds.Kind.SERVER, null)).isEqualTo(URI.create("ws://127.0.0.1:8765"));
        assertThat(LiveFeeds.base(LiveFeeds.Kind.SERVER, " ws://10.0.0.5:9000 "))
                .isEqualTo(URI.create("ws://10.0.0.5:9000"));
        assertThat(LiveFeeds.transport(LiveFeeds.base(LiveFeeds.Kind.SERVER, null), AlpacaFeed.SIP).uri())
                .isEqualTo(URI.create("ws://127.0.0.1:8765/v2/sip"));
        assertThatThrownBy(() -> LiveFeeds.base(LiveFeeds.Kind.SERVER, "ws://"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--url ws://");
        assertThatThrownBy(() -> LiveFeeds.base(LiveFeeds.Kind.SERVER, "ws://a b"))
                .isInstanceOf(UsageException.class).hasMessageContaining("is not a URL");
    }

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
        FeedTransport t = LiveFeeds.startingOnFirstSubscription(inner, () -> calls.add("replay starts"));
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

    @Test
    void aReplayInstantIsIsoOrLocalToTheExchange() {
        ZoneId ny = ZoneId.of("America/New_York");
        assertThat(LiveCommand.parseInstant("2013-10-07T13:30:00Z", ny)).hasToString("2013-10-07T13:30:00Z");
        assertThat(LiveCommand.parseInstant("2013-10-07T09:30-04:00", ny)).hasToString("2013-10-07T13:30:00Z");
        assertThat(LiveCommand.parseInstant(" 2013-10-07T09:30 ", ny)).hasToString("2013-10-07T13:30:00Z");
        assertThat(LiveCommand.parseInstant("2013-12-02T09:30:00", ny)).as("EST").hasToString("2013-12-02T14:30:00Z");
        assertThatThrownBy(() -> LiveCommand.parseInstant("2013-10-07", ny)).isInstanceOf(UsageException.class)
                .hasMessageContaining("--replay-clock 2013-10-07 is not an instant");
    }
}
