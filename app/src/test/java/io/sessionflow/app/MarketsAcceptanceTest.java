package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionflow.testing.ReferenceData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The markets beyond US equities, replayed through the command line on LEAN's real files: ES futures on CME's
 * equity-index sessions, BTCUSD on the 24/7 calendar and EURUSD quote bars on FX sessions. Every expectation is
 * computed from the files independently of the product (session of a minute by the exchange's rule, counts, values).
 */
class MarketsAcceptanceTest {

    private static final String LEAN = "marketdata/lean";
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** Decimals read as written, so a volume compares digit for digit. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @TempDir
    static Path dir;
    private static Path lean;
    private static String db;

    /** One minute of a LEAN file: its UTC start and its fields. */
    private record Row(Instant start, String[] fields) {
    }

    @BeforeAll
    static void importEveryMarket() {
        lean = ReferenceData.require(LEAN);
        db = dir.resolve("markets.duckdb").toString();
        List<String> args = new ArrayList<>(List.of("import", "--format", "lean", "--db", db,
                lean.resolve("future/cme/minute/es").toString(), lean.resolve("forex/oanda/minute/eurusd").toString()));
        for (String day : List.of("20161007", "20161008", "20161009")) {
            args.add(lean.resolve("crypto/coinbase/minute/btcusd/" + day + "_trade.zip").toString());
        }
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void esReplaysOnCmeEquityIndexSessionsWithTheOvernightMinutesTheHaltAndFridaysClose() throws IOException {
        Map<LocalDate, List<Row>> bySession = new TreeMap<>();
        for (Row row : rows("future/cme/minute/es", "trade", "201312")) {
            bySession.computeIfAbsent(cmeSession(row.start()), d -> new ArrayList<>()).add(row);
        }
        Run run = replay("--exchange", "CMES-EQUITY", "--symbols", "ESZ13", "--from", "2013-10-07", "--to",
                "2013-10-11", "--intervals", "5,15");

        assertThat(run.sessionDates()).containsExactly(LocalDate.of(2013, 10, 7), LocalDate.of(2013, 10, 8),
                LocalDate.of(2013, 10, 9), LocalDate.of(2013, 10, 10), LocalDate.of(2013, 10, 11));
        // the Sunday-evening open: Monday's session starts 17:00 CT on Sunday
        assertThat(run.sessionStarts().get(LocalDate.of(2013, 10, 7))).isEqualTo("2013-10-06T22:00:00Z");
        for (JsonNode s : run.summary().get("sessions")) {
            LocalDate date = LocalDate.parse(s.get("date").asText());
            JsonNode es = s.get("symbols").get("ESZ13");
            int present = bySession.get(date).size();
            // 17:00-15:15 and 15:30-16:15 CT: 1,335 + 45 minutes, the 15-minute halt and the closed 45 not expected
            assertThat(es.get("expected").asInt()).as("expected %s", date).isEqualTo(1380);
            assertThat(es.get("present").asInt()).as("present %s", date).isEqualTo(present);
            assertThat(es.get("confirmedMissing").asInt()).isEqualTo(1380 - present);
            assertThat(es.get("quality").asDouble()).isEqualTo(Math.round(present * 10_000.0 / 1380) / 100.0);
            assertThat(es.get("derived").get("5m").asInt()).isEqualTo(1380 / 5);
            // the session ends with trading, 16:15 CT, not at the window's 17:00
            assertThat(Instant.parse(s.get("end").asText()))
                    .isEqualTo(ZonedDateTime.of(date, LocalTime.of(16, 15), CHICAGO).toInstant());
        }
        // every delivered minute is in the session the exchange's rule gives it, none in a halt
        Map<LocalDate, List<String>> delivered = run.barStarts("ESZ13", "1m");
        for (Map.Entry<LocalDate, List<Row>> e : bySession.entrySet()) {
            assertThat(delivered.get(e.getKey())).as("session %s", e.getKey())
                    .containsExactlyElementsOf(e.getValue().stream().map(r -> r.start().toString()).toList());
        }
        for (List<String> starts : delivered.values()) {
            for (String t : starts) {
                LocalTime ct = Instant.parse(t).atZone(CHICAGO).toLocalTime();
                assertThat(inHalt(ct)).as("minute %s (%s CT) is in a halt", t, ct).isFalse();
            }
        }
        // Friday's close: the last minute of the week is 16:14 CT
        List<String> friday = delivered.get(LocalDate.of(2013, 10, 11));
        assertThat(friday.get(friday.size() - 1)).isEqualTo("2013-10-11T21:14:00Z");
        // derived bars aligned to the session open, 17:00 CT the evening before
        for (String interval : List.of("5m", "15m")) {
            long minutes = Long.parseLong(interval.replace("m", ""));
            run.barStarts("ESZ13", interval).forEach((date, starts) -> {
                Instant open = Instant.parse(run.sessionStarts().get(date));
                assertThat(starts).isNotEmpty().allSatisfy(t -> assertThat(
                        Duration.between(open, Instant.parse(t)).toMinutes() % minutes).as("%s %s", interval, t)
                        .isZero());
            });
        }
    }

    @Test
    void btcusdReplaysOn247SessionsWithItsMissingMinutesAndExactFractionalVolumes() throws IOException {
        List<Row> rows = rows("crypto/coinbase/minute/btcusd", "trade", null).stream()
                .filter(r -> r.start().isBefore(Instant.parse("2016-10-10T00:00:00Z"))).toList();
        Run run = replay("--exchange", "24/7", "--symbols", "BTCUSD", "--from", "2016-10-07", "--to", "2016-10-09");

        assertThat(run.sessionDates()).containsExactly(LocalDate.of(2016, 10, 7), LocalDate.of(2016, 10, 8),
                LocalDate.of(2016, 10, 9));
        List<int[]> presentMissing = new ArrayList<>();
        for (JsonNode s : run.summary().get("sessions")) {
            JsonNode btc = s.get("symbols").get("BTCUSD");
            assertThat(btc.get("expected").asInt()).isEqualTo(1440);
            presentMissing.add(new int[] {btc.get("present").asInt(), btc.get("confirmedMissing").asInt()});
        }
        assertThat(presentMissing).containsExactly(new int[] {1419, 21}, new int[] {1400, 40}, new int[] {1397, 43});
        // every volume as the file writes it: the decimal in the event equals the file's, digit for digit
        List<JsonNode> bars = run.bars("BTCUSD", "1m");
        assertThat(bars).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(bars.get(i).get("start").asText()).isEqualTo(rows.get(i).start().toString());
            assertThat(bars.get(i).get("volume").decimalValue())
                    .isEqualByComparingTo(new BigDecimal(rows.get(i).fields()[5]));
        }
        assertThat(run.eventLines()).anyMatch(l -> l.contains("\"volume\":0.66756"));
    }

    @Test
    void eurusdQuoteBarsReplayOnFxSessionsFromTheSundayOpenToTheFridayClose() throws IOException {
        List<Row> rows = rows("forex/oanda/minute/eurusd", "quote", null);
        Run run = replay("--exchange", "FX", "--streams", "quote_bars", "--symbols", "EURUSD", "--from",
                "2014-05-01", "--to", "2014-05-09");

        // Monday to Friday only: no Saturday, and Sunday's trading belongs to Monday's session
        assertThat(run.sessionDates()).containsExactly(LocalDate.of(2014, 5, 1), LocalDate.of(2014, 5, 2),
                LocalDate.of(2014, 5, 5), LocalDate.of(2014, 5, 6), LocalDate.of(2014, 5, 7),
                LocalDate.of(2014, 5, 8), LocalDate.of(2014, 5, 9));
        assertThat(run.sessionStarts().get(LocalDate.of(2014, 5, 5))).isEqualTo("2014-05-04T21:00:00Z");
        JsonNode friday = run.session(LocalDate.of(2014, 5, 2));
        assertThat(friday.get("end").asText()).isEqualTo("2014-05-02T21:00:00Z");

        Map<LocalDate, List<Row>> bySession = new TreeMap<>();
        for (Row row : rows) {
            bySession.computeIfAbsent(fxSession(row.start()), d -> new ArrayList<>()).add(row);
        }
        Map<LocalDate, List<String>> delivered = run.quoteBarStarts("EURUSD");
        for (LocalDate date : run.sessionDates()) {
            List<Row> expected = bySession.getOrDefault(date, List.of());
            assertThat(delivered.getOrDefault(date, List.of())).as("session %s", date)
                    .containsExactlyElementsOf(expected.stream().map(r -> r.start().toString()).toList());
            assertThat(run.session(date).get("symbols").get("EURUSD").get("present").asInt()).isEqualTo(expected.size());
        }
        // the Sunday open is Monday's first quote bar
        assertThat(delivered.get(LocalDate.of(2014, 5, 5)).get(0)).isEqualTo("2014-05-04T21:00:00Z");
    }

    /** CME's rule: a minute from 17:00 CT belongs to the next trading day's session (Sunday evening to Monday). */
    private static LocalDate cmeSession(Instant t) {
        ZonedDateTime ct = t.atZone(CHICAGO);
        LocalDate date = ct.toLocalTime().isBefore(LocalTime.of(17, 0)) ? ct.toLocalDate() : ct.toLocalDate().plusDays(1);
        return date.getDayOfWeek() == DayOfWeek.SUNDAY ? date.plusDays(1) : date;
    }

    /** FX's rule: the week runs Sunday 17:00 to Friday 17:00 New York; a session ends at 17:00 on its date. */
    private static LocalDate fxSession(Instant t) {
        ZonedDateTime ny = t.atZone(NEW_YORK);
        LocalDate date = ny.toLocalTime().isBefore(LocalTime.of(17, 0)) ? ny.toLocalDate() : ny.toLocalDate().plusDays(1);
        return date.getDayOfWeek() == DayOfWeek.SUNDAY ? date.plusDays(1) : date;
    }

    private static boolean inHalt(LocalTime ct) {
        return !ct.isBefore(LocalTime.of(15, 15)) && ct.isBefore(LocalTime.of(15, 30))
                || !ct.isBefore(LocalTime.of(16, 15)) && ct.isBefore(LocalTime.of(17, 0));
    }

    /** Every row of the {@code kind} zips under {@code folder} (for futures, of the {@code contract} CSV), in time order. */
    private static List<Row> rows(String folder, String kind, String contract) throws IOException {
        List<Row> out = new ArrayList<>();
        try (var files = Files.list(lean.resolve(folder))) {
            for (Path zip : files.filter(p -> p.getFileName().toString().endsWith("_" + kind + ".zip")).sorted()
                    .toList()) {
                LocalDate day = LocalDate.parse(zip.getFileName().toString().substring(0, 8),
                        DateTimeFormatter.BASIC_ISO_DATE);
                Instant midnight = day.atStartOfDay(ZoneOffset.UTC).toInstant();
                try (ZipFile z = new ZipFile(zip.toFile())) {
                    for (ZipEntry e : z.stream().toList()) {
                        if (contract != null && !e.getName().endsWith("_" + contract + ".csv")) {
                            continue;
                        }
                        try (BufferedReader in = new BufferedReader(new InputStreamReader(z.getInputStream(e),
                                StandardCharsets.UTF_8))) {
                            for (String line = in.readLine(); line != null; line = in.readLine()) {
                                String[] f = line.split(",", -1);
                                out.add(new Row(midnight.plusMillis(Long.parseLong(f[0])), f));
                            }
                        }
                    }
                }
            }
        }
        out.sort((a, b) -> a.start().compareTo(b.start()));
        return out;
    }

    private static Run replay(String... options) throws IOException {
        Path events = Files.createTempFile(dir, "events", ".jsonl");
        Path summary = Files.createTempFile(dir, "summary", ".json");
        List<String> args = new ArrayList<>(List.of("replay", "--db", db, "--events", events.toString(), "--summary",
                summary.toString()));
        args.addAll(List.of(options));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        return new Run(Files.readAllLines(events), JSON.readTree(summary.toFile()));
    }

    /** A replay's events file and summary. */
    private record Run(List<String> eventLines, JsonNode summary) {

        List<LocalDate> sessionDates() {
            List<LocalDate> out = new ArrayList<>();
            summary.get("sessions").forEach(s -> out.add(LocalDate.parse(s.get("date").asText())));
            return out;
        }

        JsonNode session(LocalDate date) {
            for (JsonNode s : summary.get("sessions")) {
                if (s.get("date").asText().equals(date.toString())) {
                    return s;
                }
            }
            throw new AssertionError("no session " + date + " in the summary");
        }

        Map<LocalDate, String> sessionStarts() {
            Map<LocalDate, String> out = new LinkedHashMap<>();
            events().stream().filter(e -> e.get("type").asText().equals("session_start"))
                    .forEach(e -> out.put(LocalDate.parse(e.get("date").asText()), e.get("start").asText()));
            return out;
        }

        List<JsonNode> bars(String symbol, String interval) {
            return events().stream().filter(e -> e.get("type").asText().equals("bar")
                    && e.get("symbol").asText().equals(symbol) && e.get("interval").asText().equals(interval)).toList();
        }

        Map<LocalDate, List<String>> barStarts(String symbol, String interval) {
            return startsBySession("bar", symbol, interval);
        }

        Map<LocalDate, List<String>> quoteBarStarts(String symbol) {
            return startsBySession("quote_bar", symbol, "1m");
        }

        /** The starts of the events of a type, symbol and interval, by the session they were delivered in. */
        private Map<LocalDate, List<String>> startsBySession(String type, String symbol, String interval) {
            Map<LocalDate, List<String>> out = new TreeMap<>();
            LocalDate session = null;
            for (JsonNode e : events()) {
                if (e.get("type").asText().equals("session_start")) {
                    session = LocalDate.parse(e.get("date").asText());
                } else if (e.get("type").asText().equals(type) && e.get("symbol").asText().equals(symbol)
                        && e.get("interval").asText().equals(interval)) {
                    out.computeIfAbsent(session, d -> new ArrayList<>()).add(e.get("start").asText());
                }
            }
            return out;
        }

        private List<JsonNode> events() {
            List<JsonNode> out = new ArrayList<>(eventLines.size());
            for (String line : eventLines) {
                try {
                    out.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new AssertionError("not JSON: " + line, e);
                }
            }
            return out;
        }
    }
}
