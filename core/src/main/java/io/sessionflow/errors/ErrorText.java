package io.sessionflow.errors;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Helpers for the text of errors shown to a user: input echoed in a message is cut, and a failure wrapped by a
 * library (a server that cannot bind, a socket that cannot connect) is reported by what went wrong at its root.
 *
 * <p>Threading: stateless, any thread.
 */
public final class ErrorText {

    private ErrorText() {
    }

    /**
     * {@code s} when it has at most {@code max} characters, else its first {@code max} followed by how long it was,
     * as in {@code "abc…(1234 chars)"}; "" for null.
     */
    public static String cut(String s, int max) {
        if (max < 0) {
            throw new IllegalArgumentException("a cut to " + max + " characters");
        }
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max) + "…(" + s.length() + " chars)";
    }

    /** The innermost cause of {@code t} ({@code t} itself when it has none); a cycle of causes ends the walk. */
    public static Throwable root(Throwable t) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.add(t);
        Throwable c = t;
        while (c.getCause() != null && seen.add(c.getCause())) {
            c = c.getCause();
        }
        return c;
    }

    /** The message of {@code t}'s {@link #root}, or its {@code toString()} when it has no message. */
    public static String rootMessage(Throwable t) {
        Throwable c = root(t);
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }
}
