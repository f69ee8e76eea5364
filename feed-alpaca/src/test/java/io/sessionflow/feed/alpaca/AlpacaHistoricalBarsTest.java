package io.sessionflow.feed.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.feed.Credentials;
import io.sessionflow.storage.StorageException;
import io.sessionflow.testing.Bars;
import io.sessionflow.time.WallClock;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** {@link AlpacaHistoricalBars} against {@link FakeAlpacaRest}: the wire format, paging, retries and errors. */
class AlpacaHistoricalBarsTest {

    static final Symbol AAA = Symbol.of("AAA");
    static final Symbol BBB = Symbol.of("BBB");
    static final LocalDate MONDAY = LocalDate.of(2025, 11, 24);
    static final TradingSession SESSION = Calendars.xnys().session(MONDAY).orElseThrow();
    static final BarSeries MARKET = Bars.session(List.of(AAA, BBB), MONDAY, MONDAY.plusDays(1));
    static final Credentials CREDENTIALS = Credentials.of(FakeAlpacaRest.KEY, FakeAlpacaRest.SECRET);
    private static final Instant NOW = SESSION.open().plus(Duration.ofHours(2));

    /** A wall clock whose sleeps return at once and are recorded one by one. Thread-safe. */
    static final class RecordingWallClock implements WallClock {
        final List<Duration> sleeps = new CopyOnWriteArrayList<>();

        @Override
        public long nanoTime() {
            return sleeps.stream().mapToLong(Duration::toNanos).sum();
        }

        @Override
        public void sleepNanos(long nanos) {
            sleeps.add(Duration.ofNanos(nanos));
        }

        @Override
        public long awaitNanos(Condition condition, long nanos) {
            return 0;
        }
    }

    private final RecordingWallClock wall = new RecordingWallClock();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger ours = (Logger) LoggerFactory.getLogger("io.sessionflow");
    private Level oursBefore;
    private FakeAlpacaRest server;

    @BeforeEach
    void start() throws IOException {
        oursBefore = ours.getLevel();
        ours.setLevel(Level.TRACE);  // every line the client can write, DEBUG included, is checked for the secret
        logs.start();
        root.addAppender(logs);
        server = new FakeAlpacaRest(MARKET);
    }

    @AfterEach
    void stop() {
        server.close();
        root.detachAppender(logs);
        ours.setLevel(oursBefore);
        for (ILoggingEvent e : logs.list) {
            assertThat(e.getFormattedMessage()).doesNotContain(FakeAlpacaRest.SECRET);
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(FakeAlpacaRest.SECRET);
            }
        }
    }

    private AlpacaHistoricalBars.Builder client(Credentials c) {
        return AlpacaHistoricalBars.builder(c, AlpacaFeed.IEX).base(server.base()).wallClock(wall)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).random(new SplittableRandom(7));
    }

    private AlpacaHistoricalBars client() {
        return client(CREDENTIALS).build();
    }

    static TimeRange minutes(int from, int to) {
        return new TimeRange(SESSION.open().plus(Duration.ofMinutes(from)), SESSION.open().plus(Duration.ofMinutes(to)));
    }

    /** The market's bars of {@code symbol} in {@code range}, ordered by start. */
    static List<Bar> market(Symbol symbol, TimeRange range) {
        return MARKET.stream().filter(b -> b.symbol().equals(symbol) && range.contains(b.start())).toList();
    }

    @Test
    void threePagesAreFollowedWithTheirTokenAndTheOtherParametersUnchanged() {
        server.pageSize(5);
        BarSeries got = client().fetch(List.of(AAA), minutes(0, 12));

        assertThat(got).containsExactlyElementsOf(market(AAA, minutes(0, 12)));
        List<FakeAlpacaRest.Request> requests = server.requests();
        assertThat(requests).hasSize(3);
        Map<String, String> first = new LinkedHashMap<>();
        first.put("symbols", "AAA");
        first.put("timeframe", "1Min");
        first.put("start", "2025-11-24T14:30:00Z");
        first.put("end", "2025-11-24T14:41:59.999999Z");
        first.put("limit", "10000");
        first.put("feed", "iex");
        first.put("adjustment", "raw");
        first.put("sort", "asc");
        assertThat(requests.get(0).path()).isEqualTo("/v2/stocks/bars");
        assertThat(requests.get(0).query()).containsExactlyEntriesOf(first);
        for (int i = 1; i < 3; i++) {
            Map<String, String> next = new LinkedHashMap<>(first);
            next.put("page_token", server.tokensIssued().get(i - 1));
            assertThat(requests.get(i).query()).containsExactlyEntriesOf(next);
        }
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.headers()).containsEntry("apca-api-key-id", FakeAlpacaRest.KEY)
                    .containsEntry("apca-api-secret-key", FakeAlpacaRest.SECRET);
            assertThat(r.headers().get("accept")).isEqualTo("application/json");
        });
        assertThat(wall.sleeps).isEmpty();
    }

    @Test
    void manySymbolsComeInOneRequestOrderedBySymbolThenStartAcrossPages() {
        server.pageSize(4).gzip(true);
        BarSeries got = client().fetch(List.of(BBB, AAA, BBB), minutes(0, 3));

        assertThat(server.requests()).hasSize(2).allSatisfy(r -> assertThat(r.query()).containsEntry("symbols",
                "AAA,BBB"));
        assertThat(got.symbols()).containsExactly(AAA, BBB);
        assertThat(got.subList(0, 3)).containsExactlyElementsOf(market(AAA, minutes(0, 3)));
        assertThat(got.subList(3, 6)).containsExactlyElementsOf(market(BBB, minutes(0, 3)));
    }

    @Test
    void timestampsAreExactToTheMicrosecondAndNoBarOutsideTheHalfOpenRangeLeaksIn() throws IOException {
        Bar b = MARKET.get(0);
        Map<String, Bar> byTime = new LinkedHashMap<>();
        byTime.put("2025-11-24T14:29:00Z", b);  // before the start
        byTime.put("2025-11-24T09:30:00-05:00", b);  // the start, with an offset
        byTime.put("2025-11-24T14:31:00.000000999Z", b);  // nanoseconds: truncated to the microsecond
        byTime.put("2025-11-24T14:32:00.123456Z", b);
        byTime.put("2025-11-24T14:33:00Z", b);  // the range's end: a server that takes end as given sends it
        server.then(FakeAlpacaRest.Answer.of(200, FakeAlpacaRest.page(AAA, byTime)));

        BarSeries got = client().fetch(List.of(AAA), minutes(0, 3));
        long open = Micros.of(SESSION.open());
        assertThat(got.stream().map(x -> Micros.of(x.start()) - open).toList())
                .containsExactly(0L, Micros.PER_MINUTE, 2 * Micros.PER_MINUTE + 123_456);
        assertThat(got.get(0).close()).isEqualTo(b.close());
        assertThat(server.requests().get(0).query()).containsEntry("end", "2025-11-24T14:32:59.999999Z");
    }

    @Test
    void rateLimitedRequestsWaitAsTheServerSaysThenBackOffAndSucceed() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(4).atZone(ZoneOffset.UTC));
        String limited = "{\"message\":\"too many requests.\"}";
        server.then(new FakeAlpacaRest.Answer(429, Map.of("Retry-After", "2"), limited),
                new FakeAlpacaRest.Answer(429, Map.of("Retry-After", date), limited),
                new FakeAlpacaRest.Answer(429, Map.of("X-RateLimit-Reset", Long.toString(NOW.getEpochSecond() + 3)),
                        limited),
                new FakeAlpacaRest.Answer(429, Map.of(), limited));

        BarSeries got = client().fetch(List.of(AAA), minutes(0, 5));
        assertThat(got).containsExactlyElementsOf(market(AAA, minutes(0, 5)));
        assertThat(server.requests()).hasSize(5);
        assertThat(wall.sleeps).hasSize(4);
        assertThat(wall.sleeps.subList(0, 3)).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(3));
        // No hint: full jitter below the 4th attempt's ceiling, 500 ms * 2^3.
        assertThat(wall.sleeps.get(3)).isBetween(Duration.ZERO, Duration.ofSeconds(4));
    }

    @Test
    void aServerAskingForAnHourIsWaitedForAtMostTheMaxWait() {
        server.then(new FakeAlpacaRest.Answer(429, Map.of("Retry-After", "3600"), ""));
        client(CREDENTIALS).maxWait(Duration.ofSeconds(20)).build().fetch(List.of(AAA), minutes(0, 1));
        assertThat(wall.sleeps).containsExactly(Duration.ofSeconds(20));
    }

    @Test
    void serverErrorsAreRetriedABoundedNumberOfTimesThenNamed() {
        FakeAlpacaRest.Answer down = FakeAlpacaRest.Answer.of(503, "{\"message\":\"service unavailable\"}");
        server.then(down, down, down, down);
        AlpacaHistoricalBars c = client(CREDENTIALS).maxAttempts(3).build();

        assertThatThrownBy(() -> c.fetch(List.of(AAA), minutes(0, 5)))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("GET " + server.base() + "/v2/stocks/bars?symbols=AAA&timeframe=1Min")
                .hasMessageContaining("HTTP 503: service unavailable")
                .hasMessageContaining("after 3 attempts");
        assertThat(server.requests()).hasSize(3);
        assertThat(wall.sleeps).hasSize(2);
    }

    @Test
    void refusedCredentialsFailAtOnceWithTheApiMessageAndWithoutTheSecret() {
        String wrong = "wrong-secret-not-to-print";
        AlpacaHistoricalBars c = client(Credentials.of(FakeAlpacaRest.KEY, wrong)).build();
        assertThatThrownBy(() -> c.fetch(List.of(AAA), minutes(0, 5)))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("HTTP 401: unauthorized.")
                .hasMessageContaining(server.base() + "/v2/stocks/bars?symbols=AAA")
                .hasMessageNotContaining(wrong)
                .hasMessageNotContaining(FakeAlpacaRest.SECRET);
        assertThat(server.requests()).as("no retry").hasSize(1);
        assertThat(wall.sleeps).isEmpty();
        assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().contains(wrong));
        assertThat(c.toString()).isEqualTo("Alpaca bars " + server.base() + "/v2/stocks/bars (iex)");
    }

    @Test
    void aRefusedParameterIsNamedWithTheApiCode() {
        server.then(FakeAlpacaRest.Answer.of(422, "{\"code\":42210000,\"message\":\"invalid start\"}"));
        assertThatThrownBy(() -> client().fetch(List.of(AAA), minutes(0, 5)))
                .hasMessageContaining("HTTP 422: invalid start (code 42210000)");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aMalformedAnswerIsNamedWithACutExcerpt() {
        String body = "{\"bars\":{\"AAA\":[{\"t\":\"2025-11-24T14:30:00Z\",\"o\":1" + "x".repeat(1_000);
        server.then(FakeAlpacaRest.Answer.of(200, body));
        assertThatThrownBy(() -> client().fetch(List.of(AAA), minutes(0, 5)))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("/v2/stocks/bars?symbols=AAA")
                .hasMessageContaining("malformed JSON")
                .hasMessageContaining("{\"bars\":{\"AAA\":[{\"t\":")
                .hasMessageContaining("…(" + body.length() + " chars)")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(800));
    }

    @Test
    void anInvalidBarARepeatedTokenAndAnUnreachableServerAreNamed() throws IOException {
        Bar b = MARKET.get(0);
        Bar crossed = new Bar(AAA, b.start(), b.interval(), 10, 11, 9, 10, 5, -1, Double.NaN, 0);
        String page = FakeAlpacaRest.page(AAA, Map.of("2025-11-24T14:30:00Z", crossed)).replace("\"l\":9.0",
                "\"l\":12.0");
        server.then(FakeAlpacaRest.Answer.of(200, page));
        assertThatThrownBy(() -> client().fetch(List.of(AAA), minutes(0, 5)))
                .hasMessageContaining("bar 0 of AAA is unreadable").hasMessageContaining("low 12.0");

        String loop = "{\"bars\":{},\"next_page_token\":\"same\"}";
        server.then(FakeAlpacaRest.Answer.of(200, loop), FakeAlpacaRest.Answer.of(200, loop));
        assertThatThrownBy(() -> client().fetch(List.of(AAA), minutes(0, 5)))
                .hasMessageContaining("next_page_token 'same' was sent before");

        java.net.URI gone = server.base();
        server.close();
        AlpacaHistoricalBars c = AlpacaHistoricalBars.builder(CREDENTIALS, AlpacaFeed.SIP).base(gone)
                .wallClock(wall).maxAttempts(2).build();
        assertThatThrownBy(() -> c.fetch(List.of(AAA), minutes(0, 5)))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("feed=sip").hasMessageContaining("after 2 attempts")
                .hasMessageNotContaining(FakeAlpacaRest.SECRET);
    }

    @Test
    void settingsOutOfRangeAndTheTestFeedAreRefused() {
        assertThatThrownBy(() -> AlpacaHistoricalBars.builder(CREDENTIALS, AlpacaFeed.TEST))
                .hasMessageContaining("no REST history");
        assertThatThrownBy(() -> client(CREDENTIALS).limit(10_001)).hasMessageContaining("1..10000");
        assertThatThrownBy(() -> client(CREDENTIALS).base(java.net.URI.create("ws://x")))
                .hasMessageContaining("not an http");
        assertThat(client().fetch(List.of(), minutes(0, 5))).isEmpty();
        assertThat(client().fetch(List.of(AAA), minutes(5, 5))).isEmpty();
        assertThat(server.requests()).isEmpty();
    }
}
