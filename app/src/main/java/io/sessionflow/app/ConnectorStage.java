package io.sessionflow.app;

import io.sessionflow.config.ConfigValues;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.store.Stores;
import io.sessionflow.time.WallClock;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The {@code connector} stage of {@code sessionflow bench}: writes {@link ConnectorBenchData} into a DuckDB file,
 * warms up with floods and decodes for the warm-up time (none for 0), then measures {@code runs} rounds of a flood ({@link ConnectorBench#flood}),
 * the decode-only baseline on frames like the flood's, and a paced run ({@link ConnectorBench#paced}) for the
 * latency, one line each, then the medians with their range.
 *
 * <p>Runs on the calling thread.
 */
final class ConnectorStage {

    private final int symbols;
    private final long events;
    private final double rate;
    private final Duration grace;
    private final int warmupSeconds;
    private final int runs;
    private final PrintWriter err;

    ConnectorStage(int symbols, long events, double rate, Duration grace, int warmupSeconds, int runs,
                   PrintWriter err) {
        this.symbols = symbols;
        this.events = events;
        this.rate = rate;
        this.grace = grace;
        this.warmupSeconds = warmupSeconds;
        this.runs = runs;
        this.err = err;
    }

    void run(Path file, PrintWriter out) throws InterruptedException {
        ConnectorBenchData data;
        try {
            data = new ConnectorBenchData(symbols, events);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--symbols " + symbols + " --events " + events + ": " + e.getMessage());
        }
        err.printf(Locale.ROOT, "bench: writing %,d trades, %,d quotes and %,d 1m bars of %d symbols into %s%n",
                data.ticks(symbols) / 2, data.ticks(symbols) / 2, data.bars(symbols), symbols, file);
        err.flush();
        WallClock wall = WallClock.system();
        try (MarketDataStore store = Stores.open(file.toString())) {
            data.writeTo(store);
            ConnectorBench bench = new ConnectorBench(data, store, grace, wall);
            List<String> frames = data.frames(symbols, ConnectorBench.FRAME_POINTS);
            long warmEnd = wall.nanoTime() + warmupSeconds * 1_000_000_000L;
            while (wall.nanoTime() < warmEnd) {  // none for --warmup 0: a run is seconds of server, feed and sockets
                bench.flood();
                bench.decodeOnly(frames);
            }
            List<ConnectorBench.Run> floods = new ArrayList<>();
            List<ConnectorBench.Decode> decodes = new ArrayList<>();
            List<ConnectorBench.Run> paced = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                floods.add(print(out, flood(bench.flood())));
                decodes.add(print(out, decode(bench.decodeOnly(frames))));
                paced.add(print(out, paced(bench.paced(rate))));
            }
            ConnectorBench.Run f = floods.get(0);
            double flood = median(floods, ConnectorBench.Run::messagesPerSecond);
            double decode = median(decodes, ConnectorBench.Decode::pointsPerSecond);
            out.println(String.format(Locale.ROOT, "connector flood %d symbols: %.3f M messages/s (median of %d, "
                    + "%s); decode-only %.3f M messages/s (%s); end to end = %.2f x decode-only", f.symbols(),
                    flood / 1e6, runs, range(floods, ConnectorBench.Run::messagesPerSecond), decode / 1e6,
                    range(decodes, ConnectorBench.Decode::pointsPerSecond), flood / decode));
            ConnectorBench.Run p = paced.get(0);
            out.println(String.format(Locale.ROOT, "connector latency %d symbols at %.0f messages/s: frame received "
                    + "-> listener p50 %s, p90 %s, p99 %s, max %s (medians of %d)%s", p.symbols(), rate,
                    ms(median(paced, r -> r.latency().p50())), ms(median(paced, r -> r.latency().p90())),
                    ms(median(paced, r -> r.latency().p99())), ms(median(paced, r -> r.latency().max())), runs,
                    grace.isZero() ? "" : String.format(Locale.ROOT, "; beyond the %s hold p50 %s, p90 %s, p99 %s, "
                            + "max %s", ConfigValues.formatDuration(grace), ms(median(paced, r -> r.beyondHold().p50())),
                            ms(median(paced, r -> r.beyondHold().p90())), ms(median(paced, r -> r.beyondHold().p99())),
                            ms(median(paced, r -> r.beyondHold().max())))));
            out.flush();
        }
    }

    private static <T> T print(PrintWriter out, Line<T> line) {
        out.println(line.text());
        out.flush();
        return line.value();
    }

    private record Line<T>(T value, String text) {
    }

    private Line<ConnectorBench.Run> flood(ConnectorBench.Run r) {
        return new Line<>(r, String.format(Locale.ROOT, "connector flood %d symbols: %d messages in %.1f ms = %.3f M "
                + "messages/s; the server played them in %.1f ms (%.3f M/s) and sent %d frames (%.0f points each); "
                + "%s; late %d", r.symbols(), r.messages(), r.nanos() / 1e6, r.messagesPerSecond() / 1e6,
                r.serverNanos() / 1e6, r.serverPointsPerSecond() / 1e6, r.serverFrames(), (double) r.messages() / Math.max(1, r.frames()), cpu(r.cpu()),
                r.health().lateEvents()));
    }

    private static Line<ConnectorBench.Decode> decode(ConnectorBench.Decode d) {
        return new Line<>(d, String.format(Locale.ROOT, "connector decode-only: %d messages in %.1f ms = %.3f M "
                + "messages/s (AlpacaCodec.decode of %d frames, one thread)", d.points(), d.nanos() / 1e6,
                d.pointsPerSecond() / 1e6, d.frames()));
    }

    private Line<ConnectorBench.Run> paced(ConnectorBench.Run r) {
        ConnectorBench.Latency l = r.latency();
        ConnectorBench.Latency h = r.beyondHold();
        return new Line<>(r, String.format(Locale.ROOT, "connector latency %d symbols at %.0f messages/s: %d "
                + "trades and quotes timed, frame received -> listener p50 %s, p90 %s, p99 %s, max %s%s; %d frames "
                + "(%.1f points each); %s; late %d", r.symbols(), rate, l.count(), ms(l.p50()), ms(l.p90()),
                ms(l.p99()), ms(l.max()), grace.isZero() ? "" : String.format(Locale.ROOT, "; beyond the %s hold "
                        + "p50 %s, p90 %s, p99 %s, max %s", ConfigValues.formatDuration(grace), ms(h.p50()), ms(h.p90()),
                        ms(h.p99()), ms(h.max())), r.frames(), (double) r.messages() / Math.max(1, r.frames()),
                cpu(r.cpu()), r.health().lateEvents()));
    }

    private static String cpu(Map<String, Long> cpu) {
        StringBuilder b = new StringBuilder("cpu s");
        cpu.forEach((role, nanos) -> b.append(String.format(Locale.ROOT, " %s %.2f", role, nanos / 1e9)));
        return b.toString();
    }

    private static String ms(double nanos) {
        return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
    }

    private static <T> double median(List<T> runs, ToDoubleFunction<T> f) {
        double[] v = runs.stream().mapToDouble(f).sorted().toArray();
        return v[v.length / 2];
    }

    private static <T> String range(List<T> runs, ToDoubleFunction<T> f) {
        double[] v = runs.stream().mapToDouble(f).toArray();
        return String.format(Locale.ROOT, "%.3f-%.3f", Arrays.stream(v).min().orElse(0) / 1e6,
                Arrays.stream(v).max().orElse(0) / 1e6);
    }
}
