package io.sessionflow.acceptance;

import io.sessionflow.app.CliRun;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.QuoteBar;
import io.sessionflow.domain.QuoteBarSeries;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.store.Stores;
import io.sessionflow.testing.ReferenceData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LEAN equity minute quote bars through the whole path, against the real IBM 2013-10-11 files: imported into DuckDB
 * beside the same day's quote ticks, read back, and replayed with {@code --events}; every value equals the CSV's
 * bit for bit. The CSV is parsed here independently of the importer (Jackson's CSV reader, prices ÷ 10 000).
 */
class LeanQuoteBarsAcceptanceTest {

    private static final String MINUTE = "marketdata/lean/equity/usa/minute/ibm/20131011_quote.zip";
    private static final String MINUTE_TRADES = "marketdata/lean/equity/usa/minute/ibm/20131011_trade.zip";
    private static final String TICKS = "marketdata/lean/equity/usa/tick/ibm/20131011_quote.zip";
    private static final Symbol IBM = Symbol.of("IBM");
    private static final LocalDate DAY = LocalDate.of(2013, 10, 11);
    private static final Instant MIDNIGHT = DAY.atStartOfDay(ZoneId.of("America/New_York")).toInstant();
    private static final Instant OPEN = Instant.parse("2013-10-11T13:30:00Z");
    private static final Instant CLOSE = Instant.parse("2013-10-11T20:00:00Z");

    @TempDir
    static Path dir;
    private static Path db;
    /** The file's quote bars by start, as parsed here. */
    private static Map<Instant, QuoteBar> file;
    private static List<JsonNode> events;

    @BeforeAll
    static void importAndReplay() throws IOException {
        Path minute = ReferenceData.require(MINUTE);
        Path trades = ReferenceData.require(MINUTE_TRADES);
        Path ticks = ReferenceData.require(TICKS);
        file = parse(minute);
        db = dir.resolve("lean.duckdb");
        CliRun imported = CliRun.of("import", "--format", "lean", "--db", db.toString(), minute.toString(),
                trades.toString(), ticks.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        Path out = dir.resolve("events.jsonl");
        CliRun replay = CliRun.of("replay", "--db", db.toString(), "--symbols", "IBM", "--from", DAY.toString(), "--to",
                DAY.toString(), "--streams", "bars,quote_bars,quotes", "--intervals", "5", "--events", out.toString());
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        events = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            events.add(json.readTree(line));
        }
    }


    /** The zip's rows: {@code ms,bid o,h,l,c,size,ask o,h,l,c,size}, empty prices for an absent side. */
    private static Map<Instant, QuoteBar> parse(Path zip) throws IOException {
        Map<Instant, QuoteBar> out = new LinkedHashMap<>();
        CsvMapper csv = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            assertThat(z.getNextEntry()).isNotNull();
            try (MappingIterator<String[]> rows = csv.readerFor(String[].class).readValues(z)) {
                while (rows.hasNext()) {
                    String[] f = rows.next();
                    assertThat(f).hasSize(11);
                    Instant start = MIDNIGHT.plusMillis(Long.parseLong(f[0]));
                    out.put(start, QuoteBar.of(IBM, start, Interval.ONE_MINUTE, price(f[1]), price(f[2]),
                            price(f[3]), price(f[4]), Long.parseLong(f[5]), price(f[6]), price(f[7]), price(f[8]),
                            price(f[9]), Long.parseLong(f[10])));
                }
            }
        }
        return out;
    }

    private static double price(String deciCents) {
        return deciCents.isEmpty() ? Double.NaN : Long.parseLong(deciCents) / 10_000.0;
    }

    private static void assertSameBits(QuoteBar got, QuoteBar want) {
        double[] a = {got.bidOpen(), got.bidHigh(), got.bidLow(), got.bidClose(), got.bidSize(), got.askOpen(),
            got.askHigh(), got.askLow(), got.askClose(), got.askSize()};
        double[] b = {want.bidOpen(), want.bidHigh(), want.bidLow(), want.bidClose(), want.bidSize(), want.askOpen(),
            want.askHigh(), want.askLow(), want.askClose(), want.askSize()};
        for (int k = 0; k < a.length; k++) {
            assertThat(Double.doubleToLongBits(a[k])).as("%s field %d", want, k)
                    .isEqualTo(Double.doubleToLongBits(b[k]));
        }
        assertThat(got.start()).isEqualTo(want.start());
        assertThat(got.interval()).isEqualTo(want.interval());
    }

    /** A quote_bar line as a quote bar: null prices are an absent side. */
    private static QuoteBar quoteBar(JsonNode e) {
        Interval interval = Interval.ofMinutes(Integer.parseInt(e.get("interval").asText().replace("m", "")));
        return QuoteBar.of(Symbol.of(e.get("symbol").asText()), Instant.parse(e.get("start").asText()), interval,
                num(e, "bidOpen"), num(e, "bidHigh"), num(e, "bidLow"), num(e, "bidClose"), num(e, "bidSize"),
                num(e, "askOpen"), num(e, "askHigh"), num(e, "askLow"), num(e, "askClose"), num(e, "askSize"));
    }

    private static double num(JsonNode e, String field) {
        JsonNode v = e.get(field);
        assertThat(v).as("%s in %s", field, e).isNotNull();
        return v.isNull() ? Double.NaN : Double.parseDouble(v.asText());
    }

    private List<JsonNode> ofType(String type) {
        return events.stream().filter(e -> e.get("type").asText().equals(type)).toList();
    }

    @Test
    void theStoreHoldsEveryQuoteBarOfTheFileBitForBitBesideTheQuoteTicks() {
        TimeRange day = TimeRange.of(MIDNIGHT, MIDNIGHT.plusSeconds(86_400));
        try (MarketDataStore store = Stores.openExisting(db.toString())) {
            QuoteBarSeries stored = store.readQuoteBars(List.of(IBM), Interval.ONE_MINUTE, day);
            assertThat(stored).hasSize(file.size());
            for (QuoteBar q : stored) {
                assertSameBits(q, file.get(q.start()));
            }
            assertThat(store.readQuotes(List.of(IBM), day)).as("the quote ticks of the same day").hasSize(99852);
        }
    }

    @Test
    void everyQuoteBarLineOfTheReplayEqualsTheFile() {
        List<QuoteBar> oneMinute = ofType("quote_bar").stream().map(LeanQuoteBarsAcceptanceTest::quoteBar)
                .filter(q -> q.interval().isOneMinute()).toList();
        long inSession = file.keySet().stream()
                .filter(t -> !t.isBefore(OPEN) && t.plusSeconds(60).compareTo(CLOSE) <= 0).count();
        assertThat(oneMinute).hasSize((int) inSession);
        for (QuoteBar q : oneMinute) {
            assertSameBits(q, file.get(q.start()));
        }
    }

    @Test
    void derivedQuoteBarsFoldTheirMinutesAlignedToTheOpen() {
        List<QuoteBar> fives = ofType("quote_bar").stream().map(LeanQuoteBarsAcceptanceTest::quoteBar)
                .filter(q -> q.interval().minutes() == 5).toList();
        assertThat(fives).hasSize(78);
        for (QuoteBar d : fives) {
            assertThat(java.time.Duration.between(OPEN, d.start()).toMinutes() % 5).isZero();
            List<QuoteBar> minutes = file.values().stream().filter(q -> !q.start().isBefore(d.start())
                    && q.start().isBefore(d.end())).toList();
            List<QuoteBar> bids = minutes.stream().filter(QuoteBar::hasBid).toList();
            List<QuoteBar> asks = minutes.stream().filter(QuoteBar::hasAsk).toList();
            QuoteBar want = QuoteBar.of(IBM, d.start(), d.interval(), bids.get(0).bidOpen(),
                    bids.stream().mapToDouble(QuoteBar::bidHigh).max().orElseThrow(),
                    bids.stream().mapToDouble(QuoteBar::bidLow).min().orElseThrow(),
                    bids.get(bids.size() - 1).bidClose(), bids.get(bids.size() - 1).bidSize(), asks.get(0).askOpen(),
                    asks.stream().mapToDouble(QuoteBar::askHigh).max().orElseThrow(),
                    asks.stream().mapToDouble(QuoteBar::askLow).min().orElseThrow(),
                    asks.get(asks.size() - 1).askClose(), asks.get(asks.size() - 1).askSize());
            assertSameBits(d, want);
        }
    }

    @Test
    void quoteTicksOfTheSameDayAreDeliveredToo() throws IOException {
        long expected = 0;
        CsvMapper csv = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (InputStream in = Files.newInputStream(ReferenceData.require(TICKS));
             ZipInputStream z = new ZipInputStream(in)) {
            z.getNextEntry();
            try (MappingIterator<String[]> rows = csv.readerFor(String[].class).readValues(z)) {
                while (rows.hasNext()) {
                    String[] f = rows.next();
                    double ms = Double.parseDouble(f[0]);
                    if (f[7].equals("0") && ms >= 34_200_000 && ms < 57_600_000) {
                        expected++;
                    }
                }
            }
        }
        assertThat(expected).isPositive();
        assertThat(ofType("quote")).hasSize((int) expected);
        // IBM has no trade bar for 12:46 ET that day: 389 of the session's 390 minutes
        assertThat(ofType("bar").stream().filter(e -> e.get("interval").asText().equals("1m"))).hasSize(389);
    }

    @Test
    void aQuoteBarComesAfterTheTradeBarOfItsMinuteAndBeforeLaterTicks() {
        Map<String, Integer> tradeBarLine = new java.util.HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            if (e.get("type").asText().equals("bar") && e.get("interval").asText().equals("1m")) {
                tradeBarLine.put(e.get("start").asText(), i);
            }
        }
        int checked = 0;
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            if (!e.get("type").asText().equals("quote_bar") || !e.get("interval").asText().equals("1m")) {
                continue;
            }
            Integer bar = tradeBarLine.get(e.get("start").asText());
            if (bar != null) {
                assertThat(bar).as("line %d: the trade bar of the minute first", i).isLessThan(i);
                checked++;
            }
            Instant end = Instant.parse(e.get("start").asText()).plusSeconds(60);
            JsonNode next = i + 1 < events.size() ? events.get(i + 1) : null;
            if (next != null && next.get("type").asText().equals("quote")) {
                assertThat(Instant.parse(next.get("time").asText())).as("line %d", i + 1).isAfterOrEqualTo(end);
            }
        }
        assertThat(checked).isEqualTo(389);
    }
}
