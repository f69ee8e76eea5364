package io.sessionflow.bench;

import io.sessionflow.app.PipelineBench;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The replay stages of {@code sessionflow bench}, one JMH benchmark per stage, on the same generated data
 * ({@link GeneratedBars}: 500 symbols x 20 sessions of 1m bars, 3.9M bars, unless {@code -p size=5000x5}): the plain-array baseline, merge (the coordinator alone, fed from
 * memory), merge + derive 5m and 15m, the same delivering to a counting subscriber, and end-to-end from DuckDB with
 * and without the upkeep thread. One operation is a whole replay; the {@code bars} counter is the throughput in 1m
 * bars/s. Each stage runs in its own fork, so the ratios between stages that count are those {@code sessionflow
 * bench} prints from one process.
 *
 * <p>JMH runs each benchmark on one thread (the end-to-end stages start their own); the state is per trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx6g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class PipelineBenchmark {

    @Param({"baseline", "merge", "derive", "deliver", "end-to-end-upkeep", "end-to-end-inline"})
    public String stage;

    private PipelineBench bench;

    @Setup(Level.Trial)
    public void prepare(GeneratedBars generated) {
        bench = new PipelineBench(generated.data());
    }

    @Benchmark
    public long replay(BarsCounter counter) throws InterruptedException {
        PipelineBench.Run r = switch (stage) {
            case "baseline" -> bench.baseline();
            case "merge" -> bench.coordinatorOnly(false, false);
            case "derive" -> bench.coordinatorOnly(true, false);
            case "deliver" -> bench.coordinatorOnly(true, true);
            case "end-to-end-upkeep" -> bench.endToEnd(true);
            case "end-to-end-inline" -> bench.endToEnd(false);
            default -> throw new IllegalArgumentException("unknown stage " + stage);
        };
        counter.bars += r.bars();
        return r.events();
    }
}
