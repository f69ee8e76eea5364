package io.sessionflow.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sessionflow.api.RunResult;
import io.sessionflow.api.SessionSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON summary of a run ({@code --summary}), in the format of SPEC.md section 3 plus storage figures. */
final class SummaryJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryJson() {
    }

    static Map<String, Object> of(ReplayRunner.Outcome outcome) {
        RunResult r = outcome.result();
        List<Map<String, Object>> sessions = r.sessions().stream().map(SummaryJson::session).toList();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("sessions", sessions);
        root.put("interrupted", outcome.interrupted());
        root.put("timerExpired", r.timerExpired());
        root.put("events", r.events());
        double seconds = r.wallNanos() / 1e9;
        root.put("wallSeconds", round(seconds, 3));
        root.put("eventsPerSecond", seconds > 0 ? Math.round(r.events() / seconds) : 0);
        Map<String, Object> storage = new LinkedHashMap<>();
        storage.put("retries", outcome.storageRetries());
        storage.put("issues", outcome.storageIssues());
        root.put("storage", storage);
        return root;
    }

    private static Map<String, Object> session(SessionSummary s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("date", s.date().toString());
        out.put("end", s.end().toString());
        out.put("reason", s.reason().code());
        Map<String, Object> symbols = new LinkedHashMap<>();
        s.symbols().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            SessionSummary.SymbolSummary v = e.getValue();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("expected", v.expected());
            m.put("present", v.present());
            m.put("filled", v.filled());
            m.put("confirmedMissing", v.confirmedMissing());
            m.put("synthetic", v.synthetic());
            m.put("quality", round(v.quality(), 2));
            Map<String, Object> derived = new LinkedHashMap<>();
            v.derived().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(d -> derived.put(d.getKey().toString(), d.getValue()));
            m.put("derived", derived);
            if (!v.segments().isEmpty()) {
                // Only for a segmented session: the output of sessions without segments stays as it was.
                Map<String, Object> parts = new LinkedHashMap<>();
                for (SessionSummary.SegmentSummary g : v.segments()) {
                    Map<String, Object> part = new LinkedHashMap<>();
                    part.put("expected", g.expected());
                    part.put("present", g.present());
                    part.put("counted", g.counted());
                    parts.put(g.kind().label(), part);
                }
                m.put("segments", parts);
            }
            symbols.put(e.getKey().value(), m);
        });
        out.put("symbols", symbols);
        return out;
    }

    static double round(double v, int places) {
        return BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_UP).doubleValue();
    }

    /** The summary as printed by {@code --format json} and written by {@code --summary}: indented (Jackson's default pretty printer). */
    static String toJson(Map<String, Object> summary) {
        try {
            return MAPPER.writeValueAsString(summary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot format the summary: " + e.getMessage(), e);
        }
    }

    /** Writes {@link #toJson(Map)} and a final newline to {@code file} (the {@code --summary} option). */
    static void write(Path file, Map<String, Object> summary) {
        try (OutputStream out = ReplayCommand.openForWrite(file, "--summary")) {
            out.write((toJson(summary) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UsageException("--summary " + file + " cannot be written: " + e.getMessage(), e);
        }
    }
}
