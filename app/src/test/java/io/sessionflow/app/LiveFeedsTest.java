package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.feed.Credentials;
import io.sessionflow.feed.alpaca.AlpacaFeed;
import io.sessionflow.feed.alpaca.AlpacaTransport;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
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
