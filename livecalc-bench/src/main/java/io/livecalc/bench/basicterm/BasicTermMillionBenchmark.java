package io.livecalc.bench.basicterm;

import io.livecalc.api.ExecutionResult;

import java.lang.foreign.Arena;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * BasicTerm_M on 1,000,000 model points (model_point_table.csv tiled 100 times), 2 threads, results
 * written (64 MB) beside the points (40 MB); prints the off-heap bytes and the heap in use.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 20, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow", "-Xmx1g"})
public class BasicTermMillionBenchmark {

    private Arena arena;
    private BasicTermWorkload million;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        million = BasicTermWorkload.m(100, arena);
        million.run();
        million.requireTotal(100 * BasicTermWorkload.PUBLISHED_M);
        System.out.println("# off-heap buffers: " + million.bufferBytes() / 1_000_000 + " MB");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Runtime rt = Runtime.getRuntime();
        System.out.println("# heap in use after the runs: " + (rt.totalMemory() - rt.freeMemory()) / 1_000_000 + " MB (-Xmx1g)");
        million.close();
        arena.close();
    }

    @Benchmark
    public ExecutionResult basicTermM1m() {
        return million.run();
    }
}
