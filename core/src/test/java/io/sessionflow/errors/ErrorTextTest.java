package io.sessionflow.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.BindException;
import org.junit.jupiter.api.Test;

class ErrorTextTest {

    @Test
    void aShortTextIsKeptAndALongOneCutSayingHowLongItWas() {
        assertThat(ErrorText.cut("abc", 3)).isEqualTo("abc");
        assertThat(ErrorText.cut("abcd", 3)).isEqualTo("abc…(4 chars)");
        assertThat(ErrorText.cut("x".repeat(10_000), 200)).startsWith("x".repeat(200) + "…").endsWith("(10000 chars)")
                .hasSize(200 + "…(10000 chars)".length());
        assertThat(ErrorText.cut(null, 5)).isEmpty();
        assertThatThrownBy(() -> ErrorText.cut("a", -1)).hasMessageContaining("-1");
    }

    @Test
    void theRootMessageIsTheInnermostCausesOrItsNameWithoutOne() {
        Exception wrapped = new IllegalStateException("start failed",
                new RuntimeException("jetty", new BindException("Address already in use")));
        assertThat(ErrorText.rootMessage(wrapped)).isEqualTo("Address already in use");
        assertThat(ErrorText.root(wrapped)).isInstanceOf(BindException.class);
        assertThat(ErrorText.rootMessage(new IOException())).isEqualTo("java.io.IOException");
        assertThat(ErrorText.rootMessage(new IOException("alone"))).isEqualTo("alone");
    }

    @Test
    void aCycleOfCausesEndsTheWalk() {
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b);
        assertThat(ErrorText.root(b)).isSameAs(a);
        assertThat(ErrorText.root(a)).isSameAs(b);
    }
}
