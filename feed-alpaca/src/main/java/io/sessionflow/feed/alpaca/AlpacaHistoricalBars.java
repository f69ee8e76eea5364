package io.sessionflow.feed.alpaca;

import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.feed.Backoff;
import io.sessionflow.feed.Credentials;
import io.sessionflow.storage.HistoricalBars;
import io.sessionflow.storage.StorageException;
import io.sessionflow.time.WallClock;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Alpaca Market Data v2 historical stock bars, {@code GET {base}/v2/stocks/bars}, as a {@link HistoricalBars}
 * source of 1m bars: for {@code io.sessionflow.storage.MarketDataStores.withBarBackfill}, so that the live warm start
 * and the live completeness checks find in Alpaca's history what the store lacks.
 *
 * <p>A fetch asks for {@code symbols} (at most {@link #MAX_SYMBOLS_PER_REQUEST} per request, comma-separated),
 * {@code timeframe=1Min}, {@code start} and {@code end} (RFC-3339), {@code limit}, {@code feed}, {@code adjustment=raw}
 * (the prices as traded, like the stream's) and {@code sort=asc}, then follows {@code next_page_token} with
 * {@code page_token}, the other parameters unchanged, until it is null. Alpaca's {@code end} is inclusive and the
 * range is half-open, so {@code end} is sent one microsecond before the range's end, and bars outside the range are
 * dropped whatever the server sends: no bar at the range's end leaks in. The limit counts bars over all symbols of a
 * page. Retries, rate limits and errors: {@link AlpacaRestClient}; a page that cannot be read, a page token that
 * repeats or a bar sent twice fails the fetch with a {@link StorageException} naming the request. The key and secret
 * travel in headers only; nothing this class logs or throws holds the secret.
 *
 * <p>The free plan's {@link AlpacaFeed#SIP} answers 403 for the latest 15 minutes; use {@link AlpacaFeed#IEX} there.
 *
 * <p>Threading: safe from any thread; a fetch blocks its caller (HTTP and retry waits), bounded by the attempts and
 * waits of its settings.
 */
public final class AlpacaHistoricalBars implements HistoricalBars {

    /** The production REST host, from Alpaca's documentation. */
    public static final URI DEFAULT_BASE = URI.create("https://data.alpaca.markets");
    /** The most bars one page may hold, per Alpaca's documentation. */
    public static final int MAX_LIMIT = 10_000;
    /** Symbols per request: the list goes into the URL, which servers bound. */
    public static final int MAX_SYMBOLS_PER_REQUEST = 100;
    /** The environment variables Alpaca's own tools read the key from (for {@link Credentials#fromEnvironment}). */
    public static final String KEY_ID_VARIABLE = "APCA_API_KEY_ID";
    public static final String SECRET_VARIABLE = "APCA_API_SECRET_KEY";
    /** Pages one request may follow: far more than any real range needs, it only stops a server that never ends. */
    static final int MAX_PAGES = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(AlpacaHistoricalBars.class);

    private final URI endpoint;
    private final AlpacaFeed feed;
    private final int limit;
    private final AlpacaRestClient client;

    private AlpacaHistoricalBars(Builder b) {
        String base = b.base.toString();
        this.endpoint = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + "/v2/stocks/bars");
        this.feed = b.feed;
        this.limit = b.limit;
        this.client = new AlpacaRestClient(b.http, b.credentials, new AlpacaRestClient.Settings(b.maxAttempts,
                b.backoff, b.maxWait, b.requestTimeout), b.wall, b.clock, b.random);
    }

    /**
     * A builder for the production host with 5 attempts per request, {@link Backoff#DEFAULT}, waits of at most 60 s,
     * 30 s per attempt and pages of {@link #MAX_LIMIT} bars.
     *
     * @param feed {@link AlpacaFeed#IEX} or {@link AlpacaFeed#SIP}; the test stream has no history
     */
    public static Builder builder(Credentials credentials, AlpacaFeed feed) {
        return new Builder(credentials, feed);
    }

    /** The endpoint, {@code {base}/v2/stocks/bars}. */
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public BarSeries fetch(Collection<Symbol> symbols, TimeRange range) {
        Objects.requireNonNull(symbols, "symbols");
        Objects.requireNonNull(range, "range");
        TreeSet<Symbol> sorted = new TreeSet<>(symbols);
        if (sorted.isEmpty() || range.isEmpty()) {
            return BarSeries.empty(Interval.ONE_MINUTE);
        }
        List<Bar> bars = new ArrayList<>();
        List<Symbol> all = List.copyOf(sorted);
        for (int i = 0; i < all.size(); i += MAX_SYMBOLS_PER_REQUEST) {
            fetchChunk(all.subList(i, Math.min(all.size(), i + MAX_SYMBOLS_PER_REQUEST)), range, bars);
        }
        bars.sort(java.util.Comparator.comparing(Bar::symbol).thenComparing(Bar::start));
        for (int i = 1; i < bars.size(); i++) {
            Bar a = bars.get(i - 1);
            Bar b = bars.get(i);
            if (a.symbol().equals(b.symbol()) && a.start().equals(b.start())) {
                throw new StorageException("GET " + endpoint + " for " + range + " sent the bar of " + b.symbol()
                        + " at " + b.start() + " twice");
            }
        }
        return BarSeries.of(Interval.ONE_MINUTE, bars);
    }

    private void fetchChunk(List<Symbol> symbols, TimeRange range, List<Bar> out) {
        Set<Symbol> asked = new HashSet<>(symbols);
        long from = range.startMicros();
        long to = range.endMicros();
        Set<String> tokens = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            URI uri = uri(symbols, range, token);
            String where = "GET " + shown(uri, symbols);
            AlpacaBarsPage page = AlpacaBarsPage.parse(client.get(uri, where), where);
            int kept = 0;
            for (Bar b : page.bars()) {
                long t = Micros.of(b.start());
                if (asked.contains(b.symbol()) && t >= from && t < to) {
                    out.add(b);
                    kept++;
                }
            }
            if (kept != page.bars().size()) {
                LOG.debug("{}: {} of {} bars were outside the symbols or range asked for", where,
                        page.bars().size() - kept, page.bars().size());
            }
            token = page.nextPageToken();
            pages++;
            LOG.debug("{}: {} bars, {}", where, kept, token == null ? "last page" : "more to come");
            if (token != null && !tokens.add(token)) {
                throw new StorageException(where + ": next_page_token '" + AlpacaCodec.cut(token)
                        + "' was sent before; the pages would never end");
            }
            if (pages >= MAX_PAGES && token != null) {
                throw new StorageException(where + ": more than " + MAX_PAGES + " pages");
            }
        } while (token != null);
    }

    /** The request for one page; the query holds no credential. */
    URI uri(List<Symbol> symbols, TimeRange range, String pageToken) {
        StringJoiner list = new StringJoiner(",");
        symbols.forEach(s -> list.add(s.value()));
        Map<String, String> q = new LinkedHashMap<>();
        q.put("symbols", list.toString());
        q.put("timeframe", "1Min");
        q.put("start", range.start().toString());
        // Alpaca's end is inclusive: the last instant of the half-open range is one microsecond before its end.
        q.put("end", Micros.toInstant(range.endMicros() - 1).toString());
        q.put("limit", Integer.toString(limit));
        q.put("feed", feed.path());
        q.put("adjustment", "raw");
        q.put("sort", "asc");
        if (pageToken != null) {
            q.put("page_token", pageToken);
        }
        // Tickers, commas and RFC-3339 instants are legal in a query as they are; the opaque token is encoded.
        StringJoiner query = new StringJoiner("&");
        q.forEach((k, v) -> query.add(k + "=" + (k.equals("page_token") ? URLEncoder.encode(v, StandardCharsets.UTF_8)
                : v)));
        return URI.create(endpoint + "?" + query);
    }

    /** The URL for messages: whole, but with a long symbol list cut to its first few. */
    private static String shown(URI uri, List<Symbol> symbols) {
        String u = uri.toString();
        if (symbols.size() <= 5) {
            return u;
        }
        StringJoiner all = new StringJoiner(",");
        symbols.forEach(s -> all.add(s.value()));
        StringJoiner few = new StringJoiner(",");
        symbols.subList(0, 3).forEach(s -> few.add(s.value()));
        return u.replace("symbols=" + all, "symbols=" + few + ",…(" + symbols.size() + " symbols)");
    }

    @Override
    public String toString() {
        return "Alpaca bars " + endpoint + " (" + feed.path() + ")";
    }

    /**
     * Settings of an {@link AlpacaHistoricalBars}; every one has a default but the credentials and the feed.
     *
     * <p>Not thread-safe: one thread configures and builds.
     */
    public static final class Builder {
        private final Credentials credentials;
        private final AlpacaFeed feed;
        private URI base = DEFAULT_BASE;
        private HttpClient http;
        private WallClock wall = WallClock.system();
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random = new SplittableRandom();
        private int maxAttempts = 5;
        private Backoff backoff = Backoff.DEFAULT;
        private Duration maxWait = Duration.ofSeconds(60);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int limit = MAX_LIMIT;

        private Builder(Credentials credentials, AlpacaFeed feed) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            this.feed = Objects.requireNonNull(feed, "feed");
            if (feed == AlpacaFeed.TEST) {
                throw new IllegalArgumentException("the Alpaca test stream has no REST history; use IEX or SIP");
            }
        }

        /** Scheme, host and port: {@link #DEFAULT_BASE}, or {@code http://127.0.0.1:port} in tests. */
        public Builder base(URI v) {
            Objects.requireNonNull(v, "base");
            String scheme = String.valueOf(v.getScheme()).toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || v.getHost() == null) {
                throw new IllegalArgumentException("REST base " + v + " is not an http:// or https:// URL with a host");
            }
            if (v.getRawQuery() != null || v.getRawUserInfo() != null) {
                throw new IllegalArgumentException("REST base " + v.getHost() + " must have no query or user info");
            }
            base = v;
            return this;
        }

        /** The HTTP client; by default a new one with a 10 s connect timeout. */
        public Builder http(HttpClient v) {
            http = Objects.requireNonNull(v, "http");
            return this;
        }

        /** What retry waits sleep on; tests inject a manual one. */
        public Builder wallClock(WallClock v) {
            wall = Objects.requireNonNull(v, "wallClock");
            return this;
        }

        /** The time {@code Retry-After} dates and {@code X-RateLimit-Reset} are measured from. */
        public Builder clock(Clock v) {
            clock = Objects.requireNonNull(v, "clock");
            return this;
        }

        /** The jitter of the backoff. */
        public Builder random(RandomGenerator v) {
            random = Objects.requireNonNull(v, "random");
            return this;
        }

        /** Attempts per request, the first included (1 = no retry); 5 by default. */
        public Builder maxAttempts(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("max attempts " + v + " is below 1");
            }
            maxAttempts = v;
            return this;
        }

        public Builder backoff(Backoff v) {
            backoff = Objects.requireNonNull(v, "backoff");
            return this;
        }

        /** The longest single wait before a retry, whatever the server asks; 60 s by default. */
        public Builder maxWait(Duration v) {
            maxWait = Objects.requireNonNull(v, "maxWait");
            return this;
        }

        /** How long one attempt may take until the response starts; 30 s by default. */
        public Builder requestTimeout(Duration v) {
            requestTimeout = Objects.requireNonNull(v, "requestTimeout");
            return this;
        }

        /** Bars per page, 1 to {@link #MAX_LIMIT}; the maximum by default (fewest requests). */
        public Builder limit(int v) {
            if (v < 1 || v > MAX_LIMIT) {
                throw new IllegalArgumentException("page limit " + v + " is outside 1.." + MAX_LIMIT);
            }
            limit = v;
            return this;
        }

        /** @throws IllegalArgumentException when a setting is out of range */
        public AlpacaHistoricalBars build() {
            if (http == null) {
                http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            }
            return new AlpacaHistoricalBars(this);
        }
    }
}
