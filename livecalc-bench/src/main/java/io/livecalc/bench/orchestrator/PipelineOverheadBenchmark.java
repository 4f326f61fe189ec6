package io.livecalc.bench.orchestrator;

import io.livecalc.api.AMCredentials;
import io.livecalc.api.BufferType;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EngineInfo;
import io.livecalc.api.ExecutionResult;
import io.livecalc.api.ICalcEngine;
import io.livecalc.api.PolicyRecord;
import io.livecalc.api.PortSpec;
import io.livecalc.api.ScenarioTotalRecord;
import io.livecalc.engines.projection.SyntheticPortfolio;
import io.livecalc.orchestrator.EngineFactory;
import io.livecalc.orchestrator.Pipeline;
import io.livecalc.orchestrator.PipelineResult;
import io.livecalc.parquet.ParquetFiles;
import io.livecalc.parquet.ParquetWriteOptions;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
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
 * What the orchestrator costs per engine per chunk: one pipeline run of an engine that does nothing, over
 * 65,536 policies in 1 chunk and in 1,024 chunks of 64. The time per chunk is
 * {@code (t(1024) - t(1)) / 1023}: lifecycle manager (state checks, timeout thread hand-off, events),
 * buffer slicing and output sizing, with the engine's own work at zero.
 *
 * <p>Run: {@code java -jar livecalc-bench/target/benchmarks.jar PipelineOverheadBenchmark -f 1 -wi 5 -i 10}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class PipelineOverheadBenchmark {

    static final int POLICIES = 65_536;

    @Param({"1", "1024"})
    public int chunks;

    Path dir;
    Pipeline pipeline;

    /** Counts policies into its one-record total; nothing else. */
    public static final class NoOp implements ICalcEngine {
        static final EngineInfo INFO = new EngineInfo("No-op", "1", "noop", false, Long.MAX_VALUE,
                List.of(PortSpec.required("policies", BufferType.INPUT, "policies")),
                List.of(PortSpec.required("totals", BufferType.SCENARIO_TOTAL, "policy count")));
        private boolean initialized;

        @Override
        public void initialize(EngineConfig config, AMCredentials credentials) {
            initialized = true;
        }

        @Override
        public EngineInfo getInfo() {
            return INFO;
        }

        @Override
        public OptionalLong outputRecords(String port, Map<String, MemorySegment> inputs) {
            return OptionalLong.of(1);
        }

        @Override
        public ExecutionResult runChunk(MemorySegment input, MemorySegment output) {
            long n = input.byteSize() / PolicyRecord.SIZE;
            ScenarioTotalRecord.npv(output, 0, ScenarioTotalRecord.npv(output, 0) + n);
            return ExecutionResult.success(0, n, ScenarioTotalRecord.SIZE);
        }

        @Override
        public void dispose() {
            initialized = false;
        }

        @Override
        public boolean isInitialized() {
            return initialized;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("livecalc-overhead");
        Path policies = dir.resolve("policies.parquet");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment records = arena.allocate(POLICIES * PolicyRecord.SIZE, 16);
            SyntheticPortfolio.write(records, POLICIES, 1);
            ParquetFiles.write(policies, BufferType.INPUT, records, POLICIES, ParquetWriteOptions.defaults());
        }
        pipeline = Pipeline.builder().factory(new EngineFactory().register("noop", NoOp::new))
                .policies("policies", policies)
                .engine("noop", "noop", e -> e.input("policies"))
                .chunkPolicies(POLICIES / chunks)
                .timeout(Duration.ofMinutes(1))
                .build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Benchmark
    public PipelineResult run() {
        return pipeline.run();
    }
}
