package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionflow.domain.Symbol;
import io.sessionflow.testing.Bars;
import io.sessionflow.testing.InMemoryStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {

    @TempDir
    Path dir;

    private final InMemoryStore store = new InMemoryStore();

    @BeforeEach
    void data() {
        store.upsertBars(Bars.session(List.of(Symbol.of("AAA"), Symbol.of("BBB")), LocalDate.of(2025, 11, 24),
                LocalDate.of(2025, 11, 29), (s, t) -> s.value().equals("BBB") && (t / 60_000_000L) % 7 == 0));
    }

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), db -> store);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void writesEventsSummaryAndATable() throws Exception {
        Path events = dir.resolve("events.jsonl");
        Path summary = dir.resolve("summary.json");
        Run r = run("replay", "--symbols", "aaa,BBB", "--from", "2025-11-24", "--to", "2025-11-28",
                "--intervals", "5,15", "--events", events.toString(), "--summary", summary.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("2025-11-28").contains("end_of_data 13:00 ET");
        List<String> lines = Files.readAllLines(events);
        assertThat(lines.get(0)).isEqualTo("{\"type\":\"session_start\",\"date\":\"2025-11-24\","
                + "\"start\":\"2025-11-24T14:30:00Z\",\"end\":\"2025-11-24T21:00:00Z\"}");
        assertThat(lines).filteredOn(l -> l.contains("\"interval\":\"5m\"") && l.contains("\"partial\":true")).isEmpty();
        JsonNode s = new ObjectMapper().readTree(summary.toFile());
        assertThat(s.get("interrupted").asBoolean(true)).isFalse();
        assertThat(s.get("sessions")).hasSize(4);
        JsonNode aaa = s.get("sessions").get(0).get("symbols").get("AAA");
        assertThat(aaa.get("expected").asInt()).isEqualTo(390);
        assertThat(aaa.get("present").asInt()).isEqualTo(390);
        assertThat(aaa.get("derived").get("5m").asInt()).isEqualTo(78);
        assertThat(aaa.get("derived").get("15m").asInt()).isEqualTo(26);
        JsonNode bbb = s.get("sessions").get(0).get("symbols").get("BBB");
        assertThat(bbb.get("confirmedMissing").asInt()).isEqualTo(390 - bbb.get("present").asInt()).isPositive();
        assertThat(s.get("events").asLong()).isEqualTo(lines.size());
    }

    @Test
    void eventsAreByteIdenticalAcrossRuns() throws Exception {
        byte[] first = null;
        for (int i = 0; i < 5; i++) {
            Path events = dir.resolve("e" + i + ".jsonl");
            Run r = run("replay", "--symbols", "AAA,BBB", "--from", "2025-11-24", "--to", "2025-11-28",
                    "--intervals", "5,15,60", "--drop-rate", "0.1", "--seed", "7", "--events", events.toString());
            assertThat(r.code()).as(r.err()).isZero();
            byte[] bytes = Files.readAllBytes(events);
            if (first == null) {
                first = bytes;
            } else {
                assertThat(bytes).isEqualTo(first);
            }
        }
    }

    @Test
    void unknownSymbolIsBadInput() {
        Run r = run("replay", "--symbols", "ZZZ", "--from", "2025-11-24", "--to", "2025-11-28");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().trim().lines()).hasSize(1);
        assertThat(r.err()).contains("ZZZ").contains("AAA");
    }

    @Test
    void aRangeWithoutSessionsIsBadInput() {
        Run r = run("replay", "--symbols", "AAA", "--from", "2025-11-27", "--to", "2025-11-27");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no XNYS trading sessions");
    }

    @Test
    void theEndOfTheRunNamesTheMinutesMissingInStorageTooOncePerSymbol() {
        Run r = run("replay", "--symbols", "AAA,BBB", "--from", "2025-11-24", "--to", "2025-11-28");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err().lines().filter(l -> l.startsWith("confirmed missing"))).singleElement().asString()
                .matches("confirmed missing \\(no bar in the stream or in storage\\): BBB [0-9,]+ minutes in 4 "
                        + "sessions");
    }

    @Test
    void symbolsTheStoreLacksAreNamedTwelveAtMost() {
        String many = java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(i -> "X" + i)
                .collect(java.util.stream.Collectors.joining(","));
        Run r = run("replay", "--symbols", "AAA," + many, "--from", "2025-11-24", "--to", "2025-11-24");
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err().lines()).hasSize(1).first().asString()
                .contains(" for X1, X2, X3, X4, X5, X6, X7, X8, X9, X10, X11, X12 and 8 more symbols; "
                        + "symbols with bars: AAA, BBB");
    }

    @Test
    void gapsReportsMissingMinutesPerSymbolAndSession() {
        Run r = run("gaps", "--symbols", "AAA,BBB", "--from", "2025-11-24", "--to", "2025-11-24");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0).trim().split("\\s{2,}"))
                .containsExactly("session", "symbol", "expected", "present", "missing", "quality");
        assertThat(lines.get(2)).contains("2025-11-24", "AAA", "390", "100.00%");
        assertThat(lines.get(3)).contains("2025-11-24", "BBB", "390");
    }
}
