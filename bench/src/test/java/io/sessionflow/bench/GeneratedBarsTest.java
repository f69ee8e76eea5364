package io.sessionflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GeneratedBarsTest {

    @Test
    void aSizeIsSymbolsBySessions() {
        assertThat(GeneratedBars.parseSize("500x20")).containsExactly(500, 20);
        assertThat(GeneratedBars.parseSize("5000x5")).containsExactly(5000, 5);
    }

    @Test
    void anythingElseIsRefusedByName() {
        for (String bad : new String[] {"500", "500x", "0x5", "500x0", "-1x5", "5000 x 5", "500x20x3", "", null}) {
            assertThatThrownBy(() -> GeneratedBars.parseSize(bad)).as(String.valueOf(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("size '" + bad + "' is not symbols x sessions, such as 500x20");
        }
    }
}
