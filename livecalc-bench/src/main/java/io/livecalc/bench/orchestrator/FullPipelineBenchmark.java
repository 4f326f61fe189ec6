package io.livecalc.bench.orchestrator;

import io.livecalc.orchestrator.Pipeline;
import io.livecalc.orchestrator.PipelineBuilder;
import io.livecalc.orchestrator.PipelineResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code examples/dag_config_full_pipeline.json} end to end in a warm JVM: CSV policies loaded, nested ESG
 * (10 x 100 x 50), projection of 10,000 policies, solver to a break-even premium rate (4 projection
 * re-runs), totals written to Parquet with the run summary. Excludes JVM start only.
 *
 * <p>Run from the repository root: {@code java -jar livecalc-bench/target/benchmarks.jar FullPipelineBenchmark -f 1 -wi 5 -i 10}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class FullPipelineBenchmark {

    Pipeline pipeline;

    /** The examples folder: {@code -Dlivecalc.examples.dir}, else {@code examples} found walking up from here. */
    static Path examples() {
        String prop = System.getProperty("livecalc.examples.dir");
        if (prop != null) {
            return Path.of(prop);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("examples/dag_config_full_pipeline.json"))) {
                return d.resolve("examples");
            }
        }
        throw new IllegalStateException("examples/dag_config_full_pipeline.json not found; run from the repository root or set -Dlivecalc.examples.dir");
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path out = Files.createTempDirectory("livecalc-full-pipeline");
        pipeline = PipelineBuilder.fromJson(examples().resolve("dag_config_full_pipeline.json")).outputDirectory(out).build();
    }

    @Benchmark
    public PipelineResult fullPipeline() {
        return pipeline.run();
    }
}
