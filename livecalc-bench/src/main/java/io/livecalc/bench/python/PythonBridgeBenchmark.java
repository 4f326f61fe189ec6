package io.livecalc.bench.python;

import io.livecalc.api.ExecutionResult;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Python bridge ({@link BridgeWorkload}): a full {@code runChunk} round trip over 8 MB and 800 MB shared
 * buffers (equal cost: zero copy), and a bare control round trip ({@code isInitialized}: one JSON line each
 * way) whose sample distribution gives the p50.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class PythonBridgeBenchmark {

    @Param({"8", "800"})
    public int megabytes;

    private BridgeWorkload workload;

    @Setup(Level.Trial)
    public void setUp() {
        workload = new BridgeWorkload(megabytes);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        workload.close();
    }

    @Benchmark
    public ExecutionResult runChunkRoundTrip() {
        return workload.engine.runChunk(workload.input.segment(), workload.output.segment());
    }

    @Benchmark
    public boolean controlRoundTrip() {
        return workload.engine.isInitialized();
    }
}
