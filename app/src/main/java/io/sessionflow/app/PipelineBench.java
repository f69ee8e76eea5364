package io.sessionflow.app;

import io.sessionflow.api.DataManager;
import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.coordinator.EventBatch;
import io.sessionflow.agent.WakeSignal;
import io.sessionflow.coordinator.SessionRequest;
import io.sessionflow.coordinator.SessionSource;
import io.sessionflow.coordinator.SessionSplit;
import io.sessionflow.coordinator.SourceAnswer;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.RunResult;
import io.sessionflow.coordinator.StreamCoordinator;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.BarView;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.StreamType;
import io.sessionflow.session.SessionData;
import io.sessionflow.store.bench.LoadBench;
import io.sessionflow.store.bench.PlainBaseline;
import io.sessionflow.system.OperationMode;
import io.sessionflow.system.SystemManager;
import io.sessionflow.time.TimeProvider;
import io.sessionflow.time.WallClock;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The coordinator stages of {@code sessionflow bench}: merge (the coordinator alone, 1m bars only), derive (the same
 * with 5m and 15m bars built), deliver (derive with a counting subscriber) and end-to-end (storage, the upkeep
 * thread's prefetch and repair, the coordinator, SessionData with 5m and 15m bars, a counting subscriber), the last
 * with and without the upkeep thread. Data comes from the {@link LoadBench} file; rates count the 1m bars replayed
 * per second of wall time. The baseline ({@link PlainBaseline}) is the same data in plain arrays, the limit the other
 * stages are measured against. Shared by {@code sessionflow bench} and the JMH benchmarks.
 *
 * <p>Runs on the calling thread (the pipelines start their own threads).
 */
public final class PipelineBench {

    private static final List<Interval> DERIVED = List.of(Interval.ofMinutes(5), Interval.ofMinutes(15));

    private final LoadBench data;
    /** Read on the first baseline run, outside its timing. */
    private PlainBaseline baseline;
    /** The sessions in delivery order, read on the first coordinator-only run, outside its timing. */
    private List<EventBatch> batches;
    private long batchBars;

    public PipelineBench(LoadBench data) {
        this.data = data;
    }

    /**
     * One measured run: 1m bars replayed, wall time, events delivered, and the wall time the coordinator spent
     * between a session's end and the next one's start (waiting for its split, then beginning it); -1 where the stage
     * has no such gap. End-to-end runs also give the CPU time per session of the coordinator's thread (from the first
     * session's start to the run's end) and of the upkeep thread (its loads of the sessions after the first, DuckDB's
     * work on that thread included); -1 where there is no such thread.
     */
    public record Run(long bars, long nanos, long events, long betweenSessionsNanos, long coordinatorCpuNanos,
                      long upkeepCpuNanos) {
        Run(long bars, long nanos, long events) {
            this(bars, nanos, events, -1, -1, -1);
        }
    }

    /** The thread named {@code name} now, or null. */
    private static Thread thread(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElse(null);
    }

    /**
     * The baseline: the data in plain arrays (read once, before the first run's clock starts), sorted per session by
     * (availability time, symbol) and aggregated to 5m and 15m; {@code events} counts 1m and derived bars.
     */
    public Run baseline() {
        if (baseline == null) {
            baseline = PlainBaseline.read(data);
        }
        long start = System.nanoTime();
        PlainBaseline.Result r = baseline.run();
        long nanos = System.nanoTime() - start;
        if (Double.isNaN(r.checksum())) {
            throw new IllegalStateException("the baseline's checksum is NaN");  // and the JIT cannot drop the work
        }
        return new Run(r.bars(), nanos, r.bars() + r.derived());
    }

    /**
     * Replays the sessions through a coordinator fed from memory: what the coordinator itself costs. The sessions are
     * read from storage and put in delivery order once, on the first run, before its clock starts. With
     * {@code subscriber}, every bar also goes to a subscriber that counts them, as in the end-to-end stage, so that
     * the two differ only by storage and the upkeep thread.
     */
    public Run coordinatorOnly(boolean derive, boolean subscriber) throws InterruptedException {
        if (batches == null) {
            List<EventBatch> read = new ArrayList<>();
            long n = 0;
            for (TradingSession s : data.sessions()) {
                BarSeries b = data.store().readBars(data.symbols(), Interval.ONE_MINUTE, s.range())
                        .sortedByStartThenSymbol();
                n += b.size();
                read.add(EventBatch.bars(b));
            }
            batches = read;
            batchBars = n;
        }
        long bars = batchBars;
        SessionConfig config = SessionConfig.builder().derivedIntervals(derive ? DERIVED : List.of()).build();
        TimeProvider time = TimeProvider.backtest(data.sessions().get(0).open());
        SessionData sessionData = new SessionData(config, time);
        SystemManager system = new SystemManager(OperationMode.BACKTEST);
        Map<java.time.LocalDate, EventBatch> byDate = new HashMap<>();
        for (int i = 0; i < batches.size(); i++) {
            byDate.put(data.sessions().get(i).date(), batches.get(i));
        }
        WakeSignal signal = new WakeSignal(WallClock.system());
        SessionSource fromMemory = new SessionSource() {
            private final java.util.ArrayDeque<SourceAnswer> answers = new java.util.ArrayDeque<>();

            @Override
            public void request(SessionRequest request) {
                SessionSplit empty = SessionSplit.empty(request);
                answers.add(new SessionSplit(request, byDate.get(request.session().date()), empty.quotes(),
                        empty.trades(), empty.checks(), Map.of(), 0, 0, 0));
            }

            @Override
            public SourceAnswer poll() {
                return answers.poll();
            }
        };
        StreamCoordinator coordinator = StreamCoordinator.builder().config(config).time(time).system(system)
                .sessionData(sessionData).calendar(Calendars.xnys()).backtestSessions(data.sessions())
                .wallClock(WallClock.system()).source(fromMemory).signal(signal).build();
        coordinator.register(data.symbols(), StreamType.BARS);
        if (subscriber) {
            coordinator.subscribe(new BarCounter());
        }
        long start = System.nanoTime();
        system.start();
        while (!coordinator.isDone()) {
            coordinator.doWork();  // inline on this thread: the coordinator alone, no runner
        }
        RunResult r = coordinator.result();
        long nanos = System.nanoTime() - start;
        system.stop();
        requireCompleted(r);
        return new Run(bars, nanos, r.events());
    }

    /** Replays the sessions from storage through a data manager, with or without the upkeep thread. */
    public Run endToEnd(boolean upkeep) throws InterruptedException {
        return endToEnd(upkeep, null);
    }

    /**
     * The end-to-end replay with the upkeep thread, measuring the live heap at every session end: a full garbage
     * collection, then the heap in use. What a replay holds must not grow with the number of sessions.
     *
     * @return the live heap after each session, in bytes
     */
    public long[] liveHeapPerSession() throws InterruptedException {
        long[] live = new long[data.sessionCount()];
        java.lang.management.MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        endToEnd(true, new MarketDataListener() {
            private int session;

            @Override
            public void onSessionEnd(io.sessionflow.api.SessionEnd end) {
                System.gc();  // measuring, not running: the pause is the point
                live[session++] = memory.getHeapMemoryUsage().getUsed();
            }
        });
        return live;
    }

    private Run endToEnd(boolean upkeep, MarketDataListener probe) throws InterruptedException {
        try {
            return timedEndToEnd(upkeep, probe);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the end-to-end replay did not end within 10 minutes", e);
        }
    }

    private Run timedEndToEnd(boolean upkeep, MarketDataListener probe)
            throws InterruptedException, java.util.concurrent.TimeoutException {
        SessionConfig config = SessionConfig.builder().derivedIntervals(DERIVED).build();
        AtomicLong oneMinute = new AtomicLong();
        AtomicLong between = new AtomicLong();
        AtomicLong coordinatorCpu = new AtomicLong(-1);
        AtomicLong upkeepCpu = new AtomicLong(-1);
        java.lang.management.ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        List<TradingSession> sessions = data.sessions();
        long start = System.nanoTime();
        try (DataManager dm = DataManager.builder().config(config).store(data.store()).upkeep(upkeep)
                .backtest(sessions.get(0).date(), sessions.get(sessions.size() - 1).date().plusDays(1)).build()) {
            if (probe != null) {
                dm.subscribe(probe);
            }
            dm.register(data.symbols(), StreamType.BARS).subscribe(new BarCounter() {
                private long endedAt = Long.MIN_VALUE;
                private long gaps;
                private long cpuAtStart = -1;
                private Thread upkeepThread;
                private long upkeepCpuAtStart;

                @Override
                public void onSessionStart(TradingSession session) {
                    if (endedAt != Long.MIN_VALUE) {
                        gaps += System.nanoTime() - endedAt;
                    }
                    if (cpuAtStart < 0) {  // on the coordinator's thread, once the first session is loaded
                        cpuAtStart = cpu.getCurrentThreadCpuTime();
                        upkeepThread = thread("sessionflow-upkeep");
                        upkeepCpuAtStart = upkeepThread == null ? 0 : cpu.getThreadCpuTime(upkeepThread.getId());
                    }
                }

                @Override
                public void onSessionEnd(io.sessionflow.api.SessionEnd end) {
                    endedAt = System.nanoTime();
                }

                @Override
                public void onRunEnd() {
                    oneMinute.set(count);
                    between.set(gaps);
                    int n = sessions.size();
                    coordinatorCpu.set((cpu.getCurrentThreadCpuTime() - cpuAtStart) / n);
                    if (upkeepThread != null && n > 1) {
                        upkeepCpu.set((cpu.getThreadCpuTime(upkeepThread.getId()) - upkeepCpuAtStart) / (n - 1));
                    }
                }
            });
            RunResult r = dm.run(Duration.ofMinutes(10));
            long nanos = System.nanoTime() - start;
            requireCompleted(r);
            return new Run(oneMinute.get(), nanos, r.events(), between.get(), coordinatorCpu.get(), upkeepCpu.get());
        }
    }

    /** The subscriber of the stages that deliver: it counts the 1m bars in place, and keeps nothing. */
    private static class BarCounter implements MarketDataListener {
        long count;

        @Override
        public void onBarView(BarView bar) {
            count++;
        }
    }

    private static void requireCompleted(RunResult r) {
        if (r == null || r.outcome() != RunResult.Outcome.COMPLETED) {
            throw new IllegalStateException("bench replay did not complete: "
                    + (r == null ? "timed out" : r.outcome() + " " + r.failure()));
        }
    }

    /** Sessions replayed by each run. */
    public int sessions() {
        return data.sessionCount();
    }

    public int symbols() {
        return data.symbolCount();
    }

    /** The process's peak resident set size (VmHWM), or -1 where /proc is not available. */
    public static long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
