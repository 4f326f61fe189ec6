package io.livecalc.bench.orchestrator;

import io.livecalc.bench.projection.ProjectionWorkload;
import io.livecalc.buffers.csv.ScenarioCsv;
import io.livecalc.engines.assumptions.AssumptionSource;
import io.livecalc.orchestrator.Pipeline;
import io.livecalc.orchestrator.PipelineBuilder;
import io.livecalc.orchestrator.PipelineResult;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One built pipeline run again and again, everything in memory (no file read or written): the first 1,000
 * policies of policies_10000.csv x the 1,000 GBM scenarios of the original CLI, sample assumptions as table values,
 * 2 projection threads; {@code chain = projection} values them, {@code chain = solver} also solves the break-even
 * premium rate (each evaluation re-runs the projection). Each result is closed, so every run after the first
 * reuses the pipeline's buffers: what is measured is the engines and the orchestration, no allocation of
 * off-heap memory.
 *
 * <p>Run from the repository root: {@code java -jar livecalc-bench/target/benchmarks.jar RepeatedRunBenchmark -f 1 -wi 5 -i 10}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class RepeatedRunBenchmark {

    /** Mean NPV of this portfolio under these scenarios: the original engine's (testdata/expected/policies1000_gbm1000.json). */
    static final double EXPECTED_MEAN = -25649664.165098;

    @Param({"projection", "solver"})
    public String chain;

    Arena arena;
    Pipeline pipeline;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        MemorySegment policies = ProjectionWorkload.policies10000(arena).asSlice(0, 1000 * io.livecalc.api.PolicyRecord.SIZE);
        MemorySegment scenarios = ScenarioCsv.read(ProjectionWorkload.upstream("scenarios_gbm_seed42_n1000.csv"), arena);
        AssumptionSource tables = AssumptionSource.files(ProjectionWorkload.upstream("."));
        PipelineBuilder b = Pipeline.builder().policies("policies", policies).scenarios("scenarios", scenarios)
                .engine("projection", "projection", e -> e.input("policies").input("scenarios").config("threads", ProjectionWorkload.THREADS)
                        .config("mortality_table", tables.mortality("sample_mortality.csv"))
                        .config("lapse_table", tables.lapse("sample_lapse.csv"))
                        .config("expenses", tables.expenses("sample_expenses.csv")));
        if (chain.equals("solver")) {
            b.engine("solver", "solver", e -> e.input("projection.scenario_totals").config("objective", "npv_target").config("target", 0)
                    .config("parameters", "premium_rate").config("premium_rate.lower", 0.5).config("premium_rate.upper", 20.0));
        }
        pipeline = b.build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pipeline.freeBuffers();
        arena.close();
    }

    /** The run's mean NPV; fails on a wrong valuation or an unsolved premium rate (a fast wrong answer is no result). */
    @Benchmark
    public double repeatedRun() {
        try (PipelineResult r = pipeline.run()) {
            if (!r.success()) {
                throw new IllegalStateException("run failed: " + r.engines());
            }
            double mean = r.valuation("projection").mean();
            if (!(Math.abs(mean - EXPECTED_MEAN) <= 1e-9 * Math.abs(EXPECTED_MEAN))) {
                throw new IllegalStateException("mean NPV " + mean + ", expected " + EXPECTED_MEAN);
            }
            if (chain.equals("solver") && !r.solver("solver").converged()) {
                throw new IllegalStateException("solver: " + r.solver("solver").message());
            }
            return mean;
        }
    }
}
