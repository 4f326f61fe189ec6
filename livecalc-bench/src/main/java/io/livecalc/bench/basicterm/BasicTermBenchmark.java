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
 * lifelib's BasicTerm on its own benchmark: 10,000 model points, data loaded, 2 threads, every point's
 * premium_pp and present values written (the peers' output), and the published total asserted in set-up.
 * Peers on a GitHub runner: lifelib 618 ms, numpy 83.5 ms, PyTorch 51.5 ms, Julia 30.3 ms (BasicTerm_M).
 * 20 measurement iterations: BENCHMARKS.md reports their min / median / max.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 20, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class BasicTermBenchmark {

    private Arena arena;
    private BasicTermWorkload m10k;
    private BasicTermWorkload me10k;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        m10k = BasicTermWorkload.m(1, arena);
        me10k = BasicTermWorkload.me(arena);
        m10k.run();
        m10k.requireTotal(BasicTermWorkload.PUBLISHED_M);
        me10k.run();
        me10k.requireTotal(BasicTermWorkload.PUBLISHED_ME);
        System.out.println("# " + m10k.kernel() + ", CPUs: " + Runtime.getRuntime().availableProcessors());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        m10k.close();
        me10k.close();
        arena.close();
    }

    @Benchmark
    public ExecutionResult basicTermM10k() {
        return m10k.run();
    }

    @Benchmark
    public ExecutionResult basicTermMe10k() {
        return me10k.run();
    }
}
