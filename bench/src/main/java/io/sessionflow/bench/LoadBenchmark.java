package io.sessionflow.bench;

import io.sessionflow.domain.BarSeries;
import io.sessionflow.store.bench.LoadBench;
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
 * Bulk read throughput of the load stage: 500 symbols' 1m bars for 1 session (195,000 bars) or 20 sessions
 * (3.9M bars) from an embedded DuckDB file, through DuckDB's Arrow export (the store) or a plain JDBC
 * {@code ResultSet} (the comparison). The {@code bars} counter is the throughput in bars/s.
 *
 * <p>JMH runs each benchmark on one thread; the state is per trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx6g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class LoadBenchmark {

    @Param({"1", "20"})
    public int sessions;

    @Param({"duckdb-arrow", "jdbc-resultset"})
    public String path;

    private LoadBench bench;

    @Setup(Level.Trial)
    public void prepare(GeneratedBars generated) {
        bench = generated.data();
    }

    @Benchmark
    public BarSeries read(BarsCounter counter) {
        BarSeries bars = path.equals("duckdb-arrow") ? bench.readArrow(sessions) : bench.readPlainJdbc(sessions);
        counter.bars += bars.size();
        return bars;
    }
}
