package io.livecalc.bench.projection;

import io.livecalc.api.ExecutionResult;
import io.livecalc.api.PolicyRecord;
import io.livecalc.api.ScenarioTotalRecord;
import io.livecalc.engines.projection.ProjectionEngine;
import io.livecalc.engines.projection.SyntheticPortfolio;
import io.livecalc.engines.scenario.ScenarioSet;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;
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
 * 1M synthetic policies ({@link SyntheticPortfolio}, seed 42) x 1000 GBM scenarios, totals only, 2
 * threads (the original's target for this size: 120 s). Off-heap: 32 MB of policies, 0.8 MB of scenarios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class MillionPolicyBenchmark {

    public static final int POLICIES = 1_000_000;
    /** Mean scenario total (asserted by the engine's BenchmarkWorkloadTest too). */
    public static final double EXPECTED_MEAN = -5.740363818903571E10;

    private Arena arena;
    private MemorySegment policies;
    private MemorySegment scenarios;
    private MemorySegment totals;
    private ProjectionEngine engine;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        policies = arena.allocate(POLICIES * PolicyRecord.SIZE, 16);
        SyntheticPortfolio.write(policies, POLICIES, 42);
        ScenarioSet gbm = ProjectionWorkload.gbm1000();
        scenarios = gbm.toRecords(arena);
        totals = arena.allocate(gbm.count() * ScenarioTotalRecord.SIZE, 16);
        engine = ProjectionWorkload.engine(Map.of());
        totalsOnly();
        ProjectionWorkload.requireMean(EXPECTED_MEAN, totals, gbm.count());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Runtime rt = Runtime.getRuntime();
        System.out.printf("# heap used %.0f MB (committed %.0f MB), off-heap buffers %.1f MB%n",
                (rt.totalMemory() - rt.freeMemory()) / 1e6, rt.totalMemory() / 1e6,
                (policies.byteSize() + scenarios.byteSize() + totals.byteSize()) / 1e6);
        engine.dispose();
        arena.close();
    }

    @Benchmark
    public ExecutionResult totalsOnly() {
        return engine.runChunk(Map.of("policies", policies, "scenarios", scenarios), Map.of("scenario_totals", totals));
    }
}
