package io.sessionflow.feed.alpaca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionflow.feed.Backoff;
import io.sessionflow.feed.Credentials;
import io.sessionflow.storage.StorageException;
import io.sessionflow.time.WallClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET requests to the Alpaca Market Data REST API: the key in the {@code APCA-API-KEY-ID} and
 * {@code APCA-API-SECRET-KEY} headers, gzip accepted, bounded retries, and errors that name the request and the API's
 * message but never a credential (the URL holds none: the key travels in headers only).
 *
 * <p>Retries: HTTP 429 (rate limit) waits as {@code Retry-After} (seconds or an HTTP date) or else
 * {@code X-RateLimit-Reset} (Unix seconds) says, or else an exponential backoff with full jitter; 5xx and I/O failures
 * (refused, reset, timed out) back off the same way. Every wait is cut to {@link Settings#maxWait()} and goes through
 * the injected {@link WallClock}; after {@link Settings#maxAttempts()} attempts the last problem is thrown. Any other
 * status (400, 401, 403, 404, 422, ...) would fail again: it is thrown at once.
 *
 * <p>Threading: safe from any thread (the JDK client is; the jitter source is drawn from under a lock).
 */
final class AlpacaRestClient {

    static final String KEY_HEADER = "APCA-API-KEY-ID";
    static final String SECRET_HEADER = "APCA-API-SECRET-KEY";

    private static final Logger LOG = LoggerFactory.getLogger(AlpacaRestClient.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * @param maxAttempts    attempts per request, the first included (1 = no retry)
     * @param backoff        the waits between attempts when the server names none
     * @param maxWait        the longest single wait, whatever the server asks
     * @param requestTimeout how long one attempt may take until its response headers arrive
     */
    record Settings(int maxAttempts, Backoff backoff, Duration maxWait, Duration requestTimeout) {
        Settings {
            Objects.requireNonNull(backoff, "backoff");
            Objects.requireNonNull(maxWait, "maxWait");
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("max attempts " + maxAttempts + " is below 1");
            }
            if (maxWait.isNegative()) {
                throw new IllegalArgumentException("max wait " + maxWait + " is negative");
            }
            if (requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("request timeout " + requestTimeout + " is not positive");
            }
        }
    }

    private final HttpClient http;
    private final Credentials credentials;
    private final Settings settings;
    private final WallClock wall;
    private final Clock clock;
    private final RandomGenerator random;

    AlpacaRestClient(HttpClient http, Credentials credentials, Settings settings, WallClock wall, Clock clock,
                     RandomGenerator random) {
        this.http = Objects.requireNonNull(http, "http");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.wall = Objects.requireNonNull(wall, "wallClock");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * The body of a 2xx answer to {@code GET uri}, decompressed.
     *
     * @param where the request as messages name it (the URL, a long symbol list cut)
     * @throws StorageException naming the request, the status and the API's message; with the interrupt flag set
     *                          again when the thread was interrupted while it waited
     */
    byte[] get(URI uri, String where) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout())
                .header(KEY_HEADER, credentials.keyId()).header(SECRET_HEADER, credentials.secret())
                .header("Accept", "application/json").header("Accept-Encoding", "gzip").GET().build();
        for (int attempt = 1; ; attempt++) {
            String problem;
            long waitNanos;
            IOException cause = null;
            try {
                HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                int status = r.statusCode();
                if (status >= 200 && status < 300) {
                    return body(r, where);
                }
                String message = apiMessage(r, where);
                if (status == 429) {
                    problem = "HTTP 429 Too Many Requests" + message;
                    waitNanos = rateLimitWait(r.headers(), attempt);
                } else if (status >= 500) {
                    problem = "HTTP " + status + message;
                    waitNanos = backoff(attempt);
                } else {
                    throw new StorageException(where + ": HTTP " + status + message + hint(status));
                }
            } catch (IOException e) {
                cause = e;
                problem = AlpacaCodec.cut(e.toString());
                waitNanos = backoff(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException(where + ": interrupted", e);
            }
            if (attempt >= settings.maxAttempts()) {
                throw new StorageException(where + ": " + problem + " (gave up after " + attempt + " attempts)", cause);
            }
            LOG.info("{}: {}; attempt {} of {} in {} ms", where, problem, attempt + 1, settings.maxAttempts(),
                    waitNanos / 1_000_000);
            try {
                wall.sleepNanos(waitNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException(where + ": interrupted while waiting to retry after " + problem, e);
            }
        }
    }

    /** The wait after a 429: what the server asks, else the backoff; at most the max wait. */
    private long rateLimitWait(HttpHeaders headers, int attempt) {
        Optional<Duration> asked = retryAfter(headers.firstValue("Retry-After"))
                .or(() -> resetAt(headers.firstValue("X-RateLimit-Reset")));
        return asked.map(d -> Math.min(Math.max(0, d.toNanos()), settings.maxWait().toNanos()))
                .orElseGet(() -> backoff(attempt));
    }

    /** {@code Retry-After}: delay seconds or an HTTP date (RFC 9110); an unreadable value is ignored. */
    private Optional<Duration> retryAfter(Optional<String> header) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String v = header.get().strip();
        try {
            if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            }
            Instant date = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(Duration.between(clock.instant(), date));
        } catch (NumberFormatException | DateTimeParseException e) {
            LOG.debug("unreadable Retry-After '{}'", AlpacaCodec.cut(v));
            return Optional.empty();
        }
    }

    /** {@code X-RateLimit-Reset}: the Unix second at which the window opens again. */
    private Optional<Duration> resetAt(Optional<String> header) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        try {
            Instant reset = Instant.ofEpochSecond(Long.parseLong(header.get().strip()));
            return Optional.of(Duration.between(clock.instant(), reset));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            LOG.debug("unreadable X-RateLimit-Reset '{}'", AlpacaCodec.cut(header.get()));
            return Optional.empty();
        }
    }

    private long backoff(int attempt) {
        synchronized (random) {
            return Math.min(settings.backoff().delayNanos(attempt, random), settings.maxWait().toNanos());
        }
    }

    private static byte[] body(HttpResponse<byte[]> r, String where) {
        byte[] raw = r.body() == null ? new byte[0] : r.body();
        String encoding = r.headers().firstValue("Content-Encoding").orElse("").toLowerCase(Locale.ROOT);
        if (!encoding.contains("gzip")) {
            return raw;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new StorageException(where + ": HTTP " + r.statusCode() + " with a gzip body that does not "
                    + "decompress (" + AlpacaCodec.cut(e.getMessage()) + ")", e);
        }
    }

    /**
     * The API's message for an error answer: {@code ": <message> (code <code>)"} from Alpaca's
     * {@code {"code":..,"message":..}} body, else a cut excerpt of the body, else nothing.
     */
    private static String apiMessage(HttpResponse<byte[]> r, String where) {
        String text;
        try {
            text = new String(body(r, where), StandardCharsets.UTF_8).strip();
        } catch (StorageException e) {
            return "";
        }
        if (text.isEmpty()) {
            return "";
        }
        try {
            JsonNode root = MAPPER.readTree(text);
            JsonNode message = root == null ? null : root.get("message");
            if (message != null && message.isTextual()) {
                JsonNode code = root.get("code");
                return ": " + AlpacaCodec.cut(message.asText())
                        + (code != null && code.isNumber() ? " (code " + code.asText() + ")" : "");
            }
        } catch (IOException e) {
            // not JSON: the excerpt below says what came
        }
        return ": " + AlpacaCodec.cut(text);
    }

    /** What to look at for a status that is not retried. */
    private static String hint(int status) {
        return switch (status) {
            case 401, 403 -> " (check the API key and secret, and that the plan includes this feed and period)";
            case 422 -> " (the server refused a parameter of the request)";
            default -> "";
        };
    }
}
