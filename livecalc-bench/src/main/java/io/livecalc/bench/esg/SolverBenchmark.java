package io.livecalc.bench.esg;

import io.livecalc.api.EngineConfig;
import io.livecalc.api.ScenarioTotalRecord;
import io.livecalc.api.ValuationResult;
import io.livecalc.bench.projection.ProjectionWorkload;
import io.livecalc.engines.projection.ProjectionEvaluator;
import io.livecalc.api.SolutionRecord;
import io.livecalc.engines.solver.SolverEngine;
import io.livecalc.engines.solver.SolverResult;

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
 * The solver part of the full pipeline: nested ESG 10 x 100 (run once, in set-up), policies_10000.csv,
 * sample assumptions, 2 threads; solve premium_rate for a mean NPV of 0 with Brent. Each evaluation
 * re-initialises and re-runs the projection (10,000 policies x 1000 scenarios).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class SolverBenchmark {

    /** The solved premium rate (asserted by EsgWorkloadTest). */
    public static final double EXPECTED_PREMIUM_RATE = 2.7787747231990023;

    private Arena arena;
    private ProjectionEvaluator evaluator;
    private MemorySegment baseline;
    private MemorySegment solution;
    private SolverEngine solver;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        EngineConfig esg = EngineConfig.of("esg", Map.of("model", "nested", "outer_paths", 10, "inner_paths_per_outer", 100,
                "seed", 42, "threads", 2));
        MemorySegment scenarios = EsgWorkload.output(arena, esg);
        EsgWorkload.engine(esg).runChunk(MemorySegment.NULL, scenarios);
        evaluator = new ProjectionEvaluator(EngineConfig.of("projection", Map.of(
                "mortality_table", ProjectionWorkload.upstream("sample_mortality.csv").toString(),
                "lapse_table", ProjectionWorkload.upstream("sample_lapse.csv").toString(),
                "expenses", ProjectionWorkload.upstream("sample_expenses.csv").toString(), "threads", ProjectionWorkload.THREADS)),
                ProjectionWorkload.policies10000(arena), scenarios);
        ValuationResult base = evaluator.evaluate(Map.of());
        baseline = arena.allocate((long) base.scenarioCount() * ScenarioTotalRecord.SIZE, 16);
        for (int s = 0; s < base.scenarioCount(); s++) {
            ScenarioTotalRecord.scenarioId(baseline, s, base.scenarioIds()[s]);
            ScenarioTotalRecord.npv(baseline, s, base.scenarioNpvs()[s]);
        }
        solution = arena.allocate(SolutionRecord.SIZE, 16);
        solver = new SolverEngine();
        solver.initialize(EngineConfig.of("solver", Map.of("objective", "npv_target", "target", 0.0, "tolerance", 1.0,
                "premium_rate.lower", 0.5, "premium_rate.upper", 20.0)), null);
        solver.setEvaluator(evaluator);
    }

    /** The last solve's result. */
    public SolverResult lastResult() {
        return solver.lastResult();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        solver.dispose();
        evaluator.close();
        arena.close();
    }

    @Benchmark
    public double solvePremiumRateForZeroMeanNpv() {
        solver.runChunk(baseline, solution);
        return SolutionRecord.parameter(solution, "premium_rate");
    }
}
