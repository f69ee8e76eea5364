package io.sessionflow.config;

/**
 * A setting that cannot be used: unknown key, bad value, or an impossible combination. The message names the key
 * and the value; {@link #withSource} prefixes the file and line it came from.
 *
 * <p>Immutable once thrown.
 */
public final class ConfigException extends IllegalArgumentException {

    private final String key;

    public ConfigException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The offending key, or the first key of an impossible combination. */
    public String key() {
        return key;
    }

    /** The same error located at {@code source} (for example {@code config.yaml:7}). */
    public ConfigException withSource(String source) {
        return new ConfigException(key, source + ": " + getMessage());
    }
}
