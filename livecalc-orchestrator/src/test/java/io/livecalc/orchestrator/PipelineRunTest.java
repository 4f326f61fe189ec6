package io.livecalc.orchestrator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livecalc.api.BufferType;
import io.livecalc.api.EngineExecutionException;
import io.livecalc.api.EngineInfo;
import io.livecalc.api.ExecutionResult;
import io.livecalc.api.PortSpec;
import io.livecalc.api.ScenarioTotalRecord;
import io.livecalc.api.ValuationResult;
import io.livecalc.engines.ReferenceData;
import io.livecalc.engines.projection.ProjectionEngineProvider;
import io.livecalc.parquet.ParquetFiles;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pipelines run end to end with the real projection engine on the original engine's reference data. */
class PipelineRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static String assumptions() {
        return "\"mortality_table\": \"" + ReferenceData.upstream("sample_mortality.csv") + "\", \"lapse_table\": \""
                + ReferenceData.upstream("sample_lapse.csv") + "\", \"expenses\": \"" + ReferenceData.upstream("sample_expenses.csv") + "\"";
    }

    private Path dag(String json) throws IOException {
        Path file = dir.resolve("dag.json");
        Files.writeString(file, json);
        return file;
    }

    private static double[] expectedDistribution(String file) throws IOException {
        JsonNode d = JSON.readTree(ReferenceData.expected(file).toFile()).get("distribution");
        double[] out = new double[d.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = d.get(i).asDouble();
        }
        return out;
    }

    private static void assertDistribution(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 5e-7 + 1e-9 * Math.abs(expected[i]), "scenario " + i);
        }
    }

    @Test
    void theSeedsProjectionDagRunsWithTheOriginalTypeNameAndWritesOutputAndSummary() throws IOException {
        Path file = dag("""
                {"data_sources": {"policies": {"type": "csv", "path": "%s"}, "scenarios": {"type": "csv", "path": "%s"}},
                 "engines": [{"id": "projection", "type": "cpp_projection", "inputs": ["policies", "scenarios"],
                              "config": {%s, "threads": "2"}, "outputs": ["scenario_totals"]}],
                 "output": {"type": "parquet", "path": "out/totals.parquet"}}
                """.formatted(ReferenceData.upstream("sample_policies.csv"), ReferenceData.upstream("sample_scenarios.csv"), assumptions()));
        Files.createDirectories(dir.resolve("out"));
        PipelineResult r = Pipeline.fromJson(file).run();
        assertTrue(r.success(), r.engines().toString());
        assertDistribution(expectedDistribution("sample10_samplescenarios3.json"), r.valuation().orElseThrow().scenarioNpvs());
        Path out = dir.resolve("out/totals.parquet");
        assertEquals(out, r.output().orElseThrow());
        assertEquals(3, ParquetFiles.rowCount(out));
        JsonNode summary = JSON.readTree(r.summary().orElseThrow().toFile());
        assertEquals(dir.resolve("out/totals.summary.json"), r.summary().orElseThrow());
        assertTrue(summary.get("success").asBoolean());
        assertEquals("projection", summary.get("engines").get(0).get("type").asText().replace("cpp_", ""));
        assertEquals(10, summary.get("data_sources").get(0).get("records").asInt());
        assertEquals(-2925.131473, summary.get("statistics").get("mean_npv").asDouble(), 5e-7);
        assertEquals(System.getProperty("livecalc.version"), summary.get("livecalc_version").asText());
        assertEquals(io.livecalc.api.LivecalcVersion.current().commit(), summary.get("livecalc_commit").asText());
        try (var files = Files.list(dir.resolve("out"))) {
            assertEquals(2, files.count(), "only the output and its summary: no temporary files");
        }
    }

    @Test
    void aChunkedRunEqualsTheUnchunkedRunExactlyAndStreamsEveryPair() throws IOException {
        Path policies = ReferenceData.upstream("policies_10000.csv");
        Path scenarios = ReferenceData.upstream("sample_scenarios.csv");
        PipelineResult[] runs = new PipelineResult[2];
        long[] chunkSizes = {0, 2048};
        for (int i = 0; i < 2; i++) {
            Path out = dir.resolve("results" + i + ".parquet");
            runs[i] = Pipeline.builder()
                    .policies("policies", policies).scenarios("scenarios", scenarios)
                    .engine("projection", "projection", e -> e.input("policies").input("scenarios")
                            .config("mortality_table", ReferenceData.upstream("sample_mortality.csv").toString())
                            .config("lapse_table", ReferenceData.upstream("sample_lapse.csv").toString())
                            .config("expenses", ReferenceData.upstream("sample_expenses.csv").toString())
                            .output("results"))
                    .output(out, "projection.results")
                    .chunkPolicies(chunkSizes[i])
                    .build().run();
            assertTrue(runs[i].success(), runs[i].engines().toString());
            assertEquals(30_000, ParquetFiles.rowCount(out));
        }
        assertEquals(1, runs[0].engine("projection").chunks());
        assertEquals(5, runs[1].engine("projection").chunks());
        assertArrayEquals(runs[0].valuation().orElseThrow().scenarioNpvs(), runs[1].valuation().orElseThrow().scenarioNpvs());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = arena.allocate(30_000L * BufferType.RESULT.recordSize(), 16);
            MemorySegment b = arena.allocate(30_000L * BufferType.RESULT.recordSize(), 16);
            ParquetFiles.read(dir.resolve("results0.parquet"), BufferType.RESULT, a);
            ParquetFiles.read(dir.resolve("results1.parquet"), BufferType.RESULT, b);
            assertEquals(-1, a.mismatch(b), "every per-pair result is the same, in the same order");
        }
    }

    static final java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CountDownLatch> MEETING =
            new java.util.concurrent.atomic.AtomicReference<>(new java.util.concurrent.CountDownLatch(2));

    /**
     * An engine with one SCENARIO_TOTAL input and output that can hang (always or on its first call only), fail (always, or
     * transiently on its first call), wait for a peer or pass totals through.
     */
    static final class Behaving implements io.livecalc.api.ICalcEngine {
        static final EngineInfo INFO = new EngineInfo("Behaving", "1", "behaving", false, Long.MAX_VALUE,
                List.of(PortSpec.required("totals", BufferType.SCENARIO_TOTAL, "in")),
                List.of(PortSpec.required("totals", BufferType.SCENARIO_TOTAL, "out")));
        final String mode;
        final AtomicInteger calls;
        boolean initialized;

        Behaving(String mode, AtomicInteger calls) {
            this.mode = mode;
            this.calls = calls;
        }

        @Override
        public void initialize(io.livecalc.api.EngineConfig config, io.livecalc.api.AMCredentials credentials) {
            initialized = true;
        }

        @Override
        public EngineInfo getInfo() {
            return INFO;
        }

        @Override
        public java.util.OptionalLong outputRecords(String port, Map<String, MemorySegment> inputs) {
            return java.util.OptionalLong.of(inputs.get("totals").byteSize() / ScenarioTotalRecord.SIZE);
        }

        @Override
        public ExecutionResult runChunk(MemorySegment input, MemorySegment output) {
            int call = calls.incrementAndGet();
            switch (mode) {
                case "hang" -> {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new EngineExecutionException("interrupted", e, true);
                    }
                }
                case "hang-once" -> {
                    if (call == 1) {
                        try {
                            Thread.sleep(60_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new EngineExecutionException("interrupted", e, true);
                        }
                    }
                }
                case "flaky" -> {
                    if (call == 1) {
                        throw new EngineExecutionException("worker restarted", null, true);
                    }
                }
                case "fail" -> throw new EngineExecutionException("cannot converge");
                case "meet" -> {
                    // Both branches must be inside runChunk at the same time to get past this point.
                    MEETING.get().countDown();
                    try {
                        if (!MEETING.get().await(20, java.util.concurrent.TimeUnit.SECONDS)) {
                            throw new EngineExecutionException("ran alone: the other branch never ran at the same time");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                default -> { }
            }
            MemorySegment.copy(input, 0, output, 0, input.byteSize());
            return ExecutionResult.success(1, input.byteSize() / 16, input.byteSize());
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

    private PipelineBuilder projectionThen(EngineFactory factory, String... downstream) {
        PipelineBuilder b = Pipeline.builder().factory(factory)
                .policies("policies", ReferenceData.upstream("sample_policies.csv"))
                .scenarios("scenarios", ReferenceData.upstream("sample_scenarios.csv"))
                .engine("projection", "projection", e -> e.input("policies").input("scenarios")
                        .config("mortality_table", ReferenceData.upstream("sample_mortality.csv").toString())
                        .config("lapse_table", ReferenceData.upstream("sample_lapse.csv").toString())
                        .config("expenses", ReferenceData.upstream("sample_expenses.csv").toString()));
        for (String d : downstream) {
            b.engine(d, d, e -> e.input("projection.scenario_totals"));
        }
        return b;
    }

    private static EngineFactory factory(AtomicInteger calls) {
        EngineFactory f = new EngineFactory().register(new ProjectionEngineProvider());
        for (String mode : List.of("hang", "flaky", "fail", "meet", "pass")) {
            f.register(mode, () -> new Behaving(mode, calls));
        }
        return f;
    }

    @Test
    void aTimeoutStopsAHungEngineWithinTwiceTheTimeoutAndKeepsTheProjection() throws IOException {
        Path out = dir.resolve("totals.parquet");
        long start = System.nanoTime();
        PipelineResult r = projectionThen(factory(new AtomicInteger()), "hang").timeout(Duration.ofMillis(300)).maxAttempts(1)
                .output(out, "projection.scenario_totals").build().run();
        double ms = (System.nanoTime() - start) / 1e6;
        assertTrue(ms < 2_000, "took " + ms + " ms");
        assertTrue(r.partial());
        assertEquals(EngineRun.Status.SUCCEEDED, r.engine("projection").status());
        assertEquals(EngineRun.Status.FAILED, r.engine("hang").status());
        assertTrue(r.engine("hang").error().contains("timed out") || r.engine("hang").error().contains("timeout"), r.engine("hang").error());
        assertEquals(3, ParquetFiles.rowCount(out), "the projection's output is kept");
        assertTrue(JSON.readTree(r.summary().orElseThrow().toFile()).get("partial").asBoolean());
    }

    @Test
    void aTransientFailureIsRetriedAndAnExecutionErrorIsNot() {
        AtomicInteger calls = new AtomicInteger();
        PipelineResult flaky = projectionThen(factory(calls), "flaky").maxAttempts(3).build().run();
        assertTrue(flaky.success(), flaky.engines().toString());
        assertEquals(2, calls.get());
        calls.set(0);
        PipelineResult failing = projectionThen(factory(calls), "fail").maxAttempts(3).build().run();
        assertEquals(1, calls.get(), "a non-transient failure runs once");
        assertEquals("cannot converge", failing.engine("fail").error());
    }

    @Test
    void failFastSkipsTheRestWhileBestEffortRunsIndependentBranches() {
        AtomicInteger calls = new AtomicInteger();
        PipelineResult fast = projectionThen(factory(calls), "fail", "pass").parallelism(1).build().run();
        assertEquals(EngineRun.Status.FAILED, fast.engine("fail").status());
        assertEquals(EngineRun.Status.SKIPPED, fast.engine("pass").status());
        assertEquals("not run: another engine failed and the failure policy is fail_fast", fast.engine("pass").error());
        PipelineResult best = projectionThen(factory(calls), "fail", "pass").parallelism(1).failurePolicy(FailurePolicy.BEST_EFFORT).build().run();
        assertEquals(EngineRun.Status.SUCCEEDED, best.engine("pass").status());
        assertTrue(best.partial());
    }

    @Test
    void independentBranchesRunAtTheSameTime() {
        MEETING.set(new java.util.concurrent.CountDownLatch(2));
        PipelineBuilder b = projectionThen(factory(new AtomicInteger()), "meet")
                .engine("meet2", "meet", e -> e.input("projection.scenario_totals"));
        PipelineResult r = b.parallelism(2).build().run();
        assertTrue(r.success(), "each branch waits inside runChunk until the other arrives: " + r.engines());
    }

    @Test
    void withParallelismOneBranchesRunOneAfterTheOther() {
        MEETING.set(new java.util.concurrent.CountDownLatch(2));
        EngineFactory f = factory(new AtomicInteger());
        PipelineResult r = projectionThen(f, "meet").engine("meet2", "meet", e -> e.input("projection.scenario_totals"))
                .parallelism(1).timeout(Duration.ofMillis(500)).maxAttempts(1).failurePolicy(FailurePolicy.BEST_EFFORT).build().run();
        assertEquals(EngineRun.Status.FAILED, r.engine("meet").status(), "alone, the first branch times out waiting");
    }

    @Test
    void theValuationOfTheRunIsTheOneOfTheReference() {
        AtomicInteger calls = new AtomicInteger();
        PipelineResult r = projectionThen(factory(calls), "pass").build().run();
        ValuationResult v = r.valuation().orElseThrow();
        assertEquals(-2925.131473, v.mean(), 5e-7);
        assertEquals(3, v.scenarioCount());
    }
}
