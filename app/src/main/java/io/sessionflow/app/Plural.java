package io.sessionflow.app;

import java.util.Locale;

/** Counted nouns in messages: "1 minute", "2 minutes", "1,234 events". Stateless. */
final class Plural {

    private Plural() {
    }

    /** {@code n} with thousands separators and {@code noun}, plural (noun + "s") unless {@code n} is 1. */
    static String of(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }
}
