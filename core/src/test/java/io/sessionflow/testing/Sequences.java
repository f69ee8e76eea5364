package io.sessionflow.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Comparison of long event sequences with a short message: the first difference, not a 30 000-line diff. */
public final class Sequences {

    private Sequences() {
    }

    public static void assertSame(String what, List<String> expected, List<String> actual) {
        int n = Math.min(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                throw new AssertionError(what + ": first difference at event " + i + "\n  expected: "
                        + expected.get(i) + "\n  actual:   " + actual.get(i));
            }
        }
        assertThat(actual.size()).as(what + ": number of events").isEqualTo(expected.size());
    }
}
