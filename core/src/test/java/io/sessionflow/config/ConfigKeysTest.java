package io.sessionflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.config.ConfigKeys.Setting;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigKeysTest {

    @Test
    void theTableGivesTheDefaultsOfTheRecord() {
        SessionConfig d = SessionConfig.defaults();
        for (Setting<?> s : ConfigKeys.ALL) {
            assertThat((Object) s.get().apply(d)).as(s.key()).isEqualTo(s.dflt());
        }
    }

    @Test
    void everyDefaultReadsBackFromItsText() {
        SessionConfig d = SessionConfig.defaults();
        for (Setting<?> s : ConfigKeys.ALL) {
            assertThat((Object) s.read(s.text(d))).as(s.key()).isEqualTo(s.dflt());
        }
    }

    @Test
    void keysAreLowerCaseWordsAndTheTableMatchesKeys() {
        assertThat(ConfigKeys.ALL).extracting(Setting::key).allMatch(k -> k.matches("[a-z]+(-[a-z]+)*"))
                .doesNotHaveDuplicates().containsExactlyElementsOf(SessionConfig.KEYS.keySet());
        assertThat(ConfigKeys.find("fill-forward")).contains(ConfigKeys.FILL_FORWARD);
        assertThat(ConfigKeys.find(ConfigKeys.SESSION_ZONE)).isEmpty();
    }

    @Test
    void suggestionsAreMadeOnlyWhenOneKeyIsClose() {
        assertThat(ConfigKeys.suggest("derived-interval")).contains("derived-intervals");
        assertThat(ConfigKeys.suggest("timeout")).isEmpty();  // session-end-timeout or refill-timeout
        assertThat(ConfigKeys.suggest("intervals")).isEmpty();
        assertThat(ConfigKeys.suggest("colour")).isEmpty();
        assertThat(ConfigKeys.suggest("x".repeat(10_000))).isEmpty();
        assertThat(ConfigKeys.suggest("")).isEqualTo(Optional.empty());
        assertThat(ConfigKeys.suggest(null)).isEmpty();
    }
}
