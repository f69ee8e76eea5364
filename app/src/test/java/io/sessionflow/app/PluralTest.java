package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PluralTest {

    @Test
    void oneIsSingularEverythingElsePlural() {
        assertThat(Plural.of(1, "minute")).isEqualTo("1 minute");
        assertThat(Plural.of(0, "minute")).isEqualTo("0 minutes");
        assertThat(Plural.of(2, "session")).isEqualTo("2 sessions");
        assertThat(Plural.of(12_345, "event")).isEqualTo("12,345 events");
    }
}
