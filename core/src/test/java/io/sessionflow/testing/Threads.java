package io.sessionflow.testing;

import java.util.Set;
import java.util.stream.Collectors;

/** The data manager threads alive in this JVM, to check that a run or a stop leaves none behind. */
public final class Threads {

    private Threads() {
    }

    /** Live threads named {@code sessionflow-*} (the coordinator and the upkeep thread). */
    public static Set<Thread> sessionflow() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("sessionflow-"))
                .collect(Collectors.toSet());
    }
}
