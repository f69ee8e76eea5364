package io.sessionflow.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Quote;
import io.sessionflow.domain.QuoteSeries;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.store.Stores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A library user's JVM, started without {@code --add-opens=java.base/java.nio=ALL-UNNAMED}: DuckDB stores still
 * work, on the JDBC read path, with one WARN line naming the flag and no Arrow stack trace. Runs only in the
 * {@code without-add-opens} surefire execution of this module (a JVM of its own, without the flag), which sets
 * {@value #PROPERTY}; skipped anywhere else.
 */
class ArrowFallbackTest {

    static final String PROPERTY = "sessionflow.test.withoutAddOpens";

    private static final Symbol AAPL = Symbol.of("AAPL");
    private static final Instant T = Instant.parse("2013-10-07T13:30:00Z");
    private static final TimeRange ALL = TimeRange.of(Instant.parse("2000-01-01T00:00:00Z"),
            Instant.parse("2030-01-01T00:00:00Z"));

    @TempDir
    Path dir;

    @Test
    void withoutTheFlagStoresFallBackToJdbcWithOneWarningNamingIt() {
        assumeTrue(Boolean.getBoolean(PROPERTY), "runs in the without-add-opens surefire execution only");
        assertThat(ArrowSupport.javaNioOpenToArrow()).as("this JVM must run without the flag").isFalse();
        Logger logger = (Logger) LoggerFactory.getLogger(ArrowSupport.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        PrintStream stderr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        Bar bar = Bar.of(AAPL, T, Interval.ONE_MINUTE, 10, 11, 9, 10.5, 100);
        Quote quote = new Quote(AAPL, T, 10, 10.01, 100, 200);
        try (MarketDataStore first = Stores.open(dir.resolve("a.duckdb").toString());
             MarketDataStore second = Stores.open(dir.resolve("b.duckdb").toString())) {
            first.upsertBars(BarSeries.of(Interval.ONE_MINUTE, List.of(bar)));
            first.upsertQuotes(QuoteSeries.of(List.of(quote)));

            assertThat(first.readBars(List.of(AAPL), Interval.ONE_MINUTE, ALL)).containsExactly(bar);
            assertThat(first.readQuotes(List.of(AAPL), ALL)).containsExactly(quote);
            assertThat(first.barCoverage()).hasSize(1);
            assertThat(((DuckDbStore) first).readPath()).isEqualTo(ReadPath.JDBC);
            assertThat(((DuckDbStore) second).readPath()).isEqualTo(ReadPath.JDBC);
        } finally {
            System.setErr(stderr);
            logger.detachAppender(log);
        }
        assertThat(log.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains(ArrowSupport.FLAG).doesNotContain("\n");
        });
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("MemoryUtil");
    }
}
