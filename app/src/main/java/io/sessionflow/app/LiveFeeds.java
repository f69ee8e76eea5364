package io.sessionflow.app;

import io.sessionflow.config.ConfigValues;
import io.sessionflow.feed.Credentials;
import io.sessionflow.feed.alpaca.AlpacaFeed;
import io.sessionflow.feed.alpaca.AlpacaTransport;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Which feed {@code live} connects to and with what: Alpaca's stream, or a {@code sessionflow feed-server} that speaks
 * the same wire format; the credentials from a file or the environment (never the command line); and a transport that
 * reports the start of the replay (the first subscription acknowledgement) so a replay clock can start with it.
 *
 * <p>Stateless; safe from any thread.
 */
final class LiveFeeds {

    /** {@code --feed}. */
    enum Kind {
        ALPACA("alpaca"), SERVER("feed-server");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** Where {@code sessionflow feed-server} listens by default. */
    static final URI SERVER_BASE = URI.create("ws://127.0.0.1:8765");
    /** Alpaca's variables for the API key (the names its own SDKs read). */
    static final String KEY_VARIABLE = "APCA_API_KEY_ID";
    static final String SECRET_VARIABLE = "APCA_API_SECRET_KEY";
    /** What a feed-server is sent when no credentials are given: it accepts any key. */
    static final Credentials PAPER = Credentials.of("sessionflow-paper", "feed-server");

    private LiveFeeds() {
    }

    /** The stream base: {@code --url}, or the kind's default. */
    static URI base(Kind kind, String url) {
        if (url == null) {
            return kind == Kind.ALPACA ? AlpacaTransport.DEFAULT_BASE : SERVER_BASE;
        }
        try {
            URI u = new URI(url.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("ws") && !scheme.equals("wss") || u.getHost() == null) {
                throw new UsageException("--url " + ConfigValues.excerpt(url) + " is not a ws:// or wss:// URL with a "
                        + "host, e.g. " + SERVER_BASE);
            }
            return u;
        } catch (URISyntaxException e) {
            throw new UsageException("--url " + ConfigValues.excerpt(url) + " is not a URL: " + e.getReason());
        }
    }

    /**
     * The credentials: {@code --credentials FILE}, else {@value #KEY_VARIABLE} and {@value #SECRET_VARIABLE} from
     * {@code environment}; a feed-server without either gets {@link #PAPER}. Messages name the file or variable,
     * never a value.
     */
    static Credentials credentials(Kind kind, Path file, Map<String, String> environment) {
        if (file != null) {
            try {
                return Credentials.fromFile(file);
            } catch (NoSuchFileException e) {
                throw new UsageException("--credentials " + file + " does not exist");
            } catch (IOException e) {
                throw new UsageException("--credentials " + file + " cannot be read: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--credentials " + file + ": " + e.getMessage() + " (a properties file with "
                        + Credentials.KEY_ID + "=... and " + Credentials.SECRET + "=...)");
            }
        }
        boolean any = has(environment, KEY_VARIABLE) || has(environment, SECRET_VARIABLE);
        if (kind == Kind.SERVER && !any) {
            return PAPER;
        }
        try {
            return Credentials.fromEnvironment(environment, KEY_VARIABLE, SECRET_VARIABLE);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--feed " + kind.name().toLowerCase(Locale.ROOT) + " needs an API key: "
                    + e.getMessage() + "; set " + KEY_VARIABLE + " and " + SECRET_VARIABLE
                    + " or pass --credentials FILE");
        }
    }

    private static boolean has(Map<String, String> env, String name) {
        String v = env.get(name);
        return v != null && !v.isBlank();
    }

    /** Alpaca's stream protocol against {@code base}, on a new HTTP client, asking for updated bars too. */
    static AlpacaTransport transport(URI base, AlpacaFeed feed) {
        return AlpacaTransport.of(base, feed);
    }
}
