package io.sessionflow.feed;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * A provider's API key id and secret. They come from environment variables or from a properties file, never from
 * the command line (where {@code ps} shows them). {@link #toString()} shows only the last four characters of the key
 * id and never the secret; error messages name the variable or file, never a value.
 *
 * <p>Immutable; safe to share between threads.
 */
public final class Credentials {

    /** Property names in a credentials file. */
    public static final String KEY_ID = "key_id";
    public static final String SECRET = "secret_key";

    private final String keyId;
    private final String secret;

    private Credentials(String keyId, String secret) {
        this.keyId = keyId;
        this.secret = secret;
    }

    /**
     * Key and secret given in code (tests, or a caller with its own secret store).
     *
     * @throws IllegalArgumentException when either is blank
     */
    public static Credentials of(String keyId, String secret) {
        return new Credentials(require(keyId, "key id"), require(secret, "secret"));
    }

    /**
     * Reads the two variables from {@code environment} (pass {@link System#getenv()}; injected so tests need no real
     * environment).
     *
     * @throws IllegalArgumentException naming the variable that is missing or blank
     */
    public static Credentials fromEnvironment(Map<String, String> environment, String keyIdVariable,
                                              String secretVariable) {
        Objects.requireNonNull(environment, "environment");
        return new Credentials(require(environment.get(keyIdVariable), "environment variable " + keyIdVariable),
                require(environment.get(secretVariable), "environment variable " + secretVariable));
    }

    /**
     * Reads {@value #KEY_ID} and {@value #SECRET} from a properties file.
     *
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException naming the file and the property that is missing or blank
     */
    public static Credentials fromFile(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return new Credentials(require(p.getProperty(KEY_ID), KEY_ID + " in " + file),
                require(p.getProperty(SECRET), SECRET + " in " + file));
    }

    private static String require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is missing or blank");
        }
        return value.strip();
    }

    public String keyId() {
        return keyId;
    }

    /** The secret, for the transport's authentication message only. */
    public String secret() {
        return secret;
    }

    /** The key id cut to its last four characters, enough to tell keys apart in a log. */
    public String redactedKeyId() {
        return keyId.length() <= 4 ? "****" : "…" + keyId.substring(keyId.length() - 4);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials c && c.keyId.equals(keyId) && c.secret.equals(secret);
    }

    @Override
    public int hashCode() {
        return keyId.hashCode();
    }

    @Override
    public String toString() {
        return "Credentials[keyId=" + redactedKeyId() + ", secret=***]";
    }
}
