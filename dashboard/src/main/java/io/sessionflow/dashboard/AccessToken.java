package io.sessionflow.dashboard;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The secret a request that changes anything must carry in {@code X-Sessionflow-Token}. Its {@link #toString()} hides
 * it, so a log line or an exception cannot print it by accident.
 *
 * <p>Immutable.
 */
public final class AccessToken {

    /** The request header that carries the token. */
    public static final String HEADER = "X-Sessionflow-Token";

    private static final int BYTES = 16;

    private final String value;

    private AccessToken(String value) {
        this.value = value;
    }

    /** A new random token (128 bits, hex). */
    public static AccessToken random(SecureRandom random) {
        byte[] b = new byte[BYTES];
        random.nextBytes(b);
        return new AccessToken(HexFormat.of().formatHex(b));
    }

    /** A token chosen by the caller (from the environment or a file), at least 16 characters. */
    public static AccessToken of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.strip().length() < BYTES) {
            throw new IllegalArgumentException("a dashboard token needs at least " + BYTES + " characters");
        }
        return new AccessToken(value.strip());
    }

    /** The secret itself: to print once at start, for the person who started the server. */
    public String reveal() {
        return value;
    }

    /** Whether {@code candidate} is this token, in time independent of where they differ. */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                candidate.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "AccessToken[hidden]";
    }
}
