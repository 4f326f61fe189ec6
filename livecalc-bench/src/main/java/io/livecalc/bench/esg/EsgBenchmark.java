package io.livecalc.bench.esg;

import io.livecalc.api.ExecutionResult;
import io.livecalc.engines.esg.EsgEngine;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
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
 * ESG engine time of the workloads, SCENARIO records written: nested 10 x 1000 x 50 (500,000
 * records; the original Python ~7 s) and Vasicek 10,000 x 252 (2.52M records, 40 MB; Julia ~5 ms on 8
 * threads). Target: <= 10 ms each on the 2-core machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class EsgBenchmark {

    /**
     * Sum of every rate of the nested workload (asserted by EsgWorkloadTest), with the ziggurat normals (the
     * AS241 inverse-CDF draws gave 41,377.621962805395); the scalar and SIMD kernels both give it.
     */
    public static final double NESTED_RATE_SUM = 41_383.301408967236;
    /** Sum of every rate of the Vasicek workload (AS241 draws: 124,320.25963559283). */
    public static final double VASICEK_RATE_SUM = 124_305.77273554775;

    @Param({"2"})
    public int threads;

    private Arena arena;
    private EsgEngine nested;
    private EsgEngine vasicek;
    private MemorySegment nestedOut;
    private MemorySegment vasicekOut;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        nested = EsgWorkload.engine(EsgWorkload.nested(threads));
        vasicek = EsgWorkload.engine(EsgWorkload.vasicek(threads));
        nestedOut = EsgWorkload.output(arena, EsgWorkload.nested(threads));
        vasicekOut = EsgWorkload.output(arena, EsgWorkload.vasicek(threads));
        nested10x1000x50();
        vasicek10000x252();
        require("nested", NESTED_RATE_SUM, EsgWorkload.rateSum(nestedOut));
        require("vasicek", VASICEK_RATE_SUM, EsgWorkload.rateSum(vasicekOut));
        System.out.println("# normals kernel: " + nested.kernelName() + ", CPUs: " + Runtime.getRuntime().availableProcessors());
    }

    private static void require(String what, double expected, double actual) {
        if (Double.doubleToLongBits(expected) != Double.doubleToLongBits(actual)) {
            throw new IllegalStateException(what + " workload: rate sum " + actual + ", expected " + expected);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        nested.dispose();
        vasicek.dispose();
        arena.close();
    }

    @Benchmark
    public ExecutionResult nested10x1000x50() {
        return nested.runChunk(MemorySegment.NULL, nestedOut);
    }

    @Benchmark
    public ExecutionResult vasicek10000x252() {
        return vasicek.runChunk(MemorySegment.NULL, vasicekOut);
    }
}
