package io.livecalc.bench.projection;

import io.livecalc.api.ExecutionResult;
import io.livecalc.api.ResultRecord;
import io.livecalc.api.ScenarioTotalRecord;
import io.livecalc.engines.projection.ProjectionEngine;
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
 * Engine time of the workload: policies_10000.csv x 1000 GBM scenarios, sample assumptions, 2
 * threads (the original C++ engine: 1.16 s). Three variants: totals only (fast kernel), every
 * (policy, scenario) RESULT written (240 MB), general kernel with dynamic lapse.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class ProjectionBenchmark {

    /** Mean scenario total of the workload (asserted by the engine's BenchmarkWorkloadTest too). */
    public static final double EXPECTED_MEAN = -2.5272920814579096E8;

    private Arena arena;
    private MemorySegment policies;
    private MemorySegment scenarios;
    private MemorySegment totals;
    private MemorySegment results;
    private ProjectionEngine fast;
    private ProjectionEngine dynamic;
    private int scenarioCount;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        policies = ProjectionWorkload.policies10000(arena);
        ScenarioSet gbm = ProjectionWorkload.gbm1000();
        scenarioCount = gbm.count();
        scenarios = gbm.toRecords(arena);
        totals = arena.allocate(scenarioCount * ScenarioTotalRecord.SIZE, 16);
        results = arena.allocate(10_000L * scenarioCount * ResultRecord.SIZE, 16);
        fast = ProjectionWorkload.engine(Map.of());
        dynamic = ProjectionWorkload.engine(Map.of("dynamic_lapse_sensitivity", 2.0, "dynamic_lapse_reference_rate", 0.04));
        totalsOnly();
        ProjectionWorkload.requireMean(EXPECTED_MEAN, totals, scenarioCount);
        System.out.println("# kernel: " + fast.kernelName() + ", CPUs: " + Runtime.getRuntime().availableProcessors());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        fast.dispose();
        dynamic.dispose();
        arena.close();
    }

    @Benchmark
    public ExecutionResult totalsOnly() {
        return fast.runChunk(Map.of("policies", policies, "scenarios", scenarios), Map.of("scenario_totals", totals));
    }

    @Benchmark
    public ExecutionResult withResults() {
        return fast.runChunk(Map.of("policies", policies, "scenarios", scenarios),
                Map.of("scenario_totals", totals, "results", results));
    }

    @Benchmark
    public ExecutionResult dynamicLapseGeneralKernel() {
        return dynamic.runChunk(Map.of("policies", policies, "scenarios", scenarios), Map.of("scenario_totals", totals));
    }
}
