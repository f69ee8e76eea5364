package io.sessionflow.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {

    static final String KEY = "PKTESTKEY1234ABCD";
    static final String SECRET = "s3cr3t-do-not-print";

    @Test
    void toStringShowsNeitherTheSecretNorTheWholeKey() {
        Credentials c = Credentials.of(KEY, SECRET);
        assertThat(c.toString()).doesNotContain(SECRET).doesNotContain(KEY).contains("ABCD").contains("***");
        assertThat(new FeedRequest.Authenticate(c).toString()).doesNotContain(SECRET).doesNotContain(KEY);
        assertThat(c.secret()).isEqualTo(SECRET);
    }

    @Test
    void fromEnvironmentNamesTheMissingVariableButNoValue() {
        Credentials c = Credentials.fromEnvironment(Map.of("K", KEY, "S", SECRET), "K", "S");
        assertThat(c).isEqualTo(Credentials.of(KEY, SECRET));
        assertThatThrownBy(() -> Credentials.fromEnvironment(Map.of("K", KEY), "K", "APCA_API_SECRET_KEY"))
                .hasMessageContaining("APCA_API_SECRET_KEY").hasMessageNotContaining(KEY);
    }

    @Test
    void fromFileReadsPropertiesAndNamesTheFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("alpaca.properties");
        Files.writeString(f, "key_id = " + KEY + "\nsecret_key=" + SECRET + "\n");
        assertThat(Credentials.fromFile(f)).isEqualTo(Credentials.of(KEY, SECRET));
        Files.writeString(f, "key_id=" + KEY + "\n");
        assertThatThrownBy(() -> Credentials.fromFile(f))
                .hasMessageContaining("secret_key").hasMessageContaining(f.toString()).hasMessageNotContaining(KEY);
    }

    @Test
    void blankValuesAreRefused() {
        assertThatThrownBy(() -> Credentials.of(" ", SECRET)).hasMessageContaining("key id");
    }
}
