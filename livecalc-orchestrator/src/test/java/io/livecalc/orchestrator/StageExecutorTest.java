package io.livecalc.orchestrator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.api.BufferType;
import io.livecalc.api.ConfigurationException;
import io.livecalc.api.ICalcEngine;
import io.livecalc.api.ScenarioTotalRecord;
import io.livecalc.engines.ReferenceData;
import io.livecalc.orchestrator.spi.PolicyStage;
import io.livecalc.orchestrator.spi.StageExecutor;
import io.livecalc.orchestrator.spi.StageExecutorProvider;
import io.livecalc.parquet.CsvParquetConverter;
import io.livecalc.parquet.ParquetFiles;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The execution engine selection and the {@link StageExecutor} hand-off, with an executor ({@code "in-this-jvm"},
 * registered for ServiceLoader in the test resources) that runs the stage's engine over the whole policy file here.
 */
class StageExecutorTest {

    @TempDir
    Path dir;

    /** Every stage run, with its parameters, in order. */
    static final List<Map<String, Double>> RUNS = new ArrayList<>();
    static final List<Boolean> CLOSED = new ArrayList<>();

    public static final class InThisJvm implements StageExecutorProvider {
        @Override
        public String name() {
            return "in-this-jvm";
        }

        @Override
        public StageExecutor open(ExecutionEngine engine) {
            return new StageExecutor() {
                @Override
                public PolicyStage.Outcome run(PolicyStage stage, Map<String, Double> parameters) {
                    RUNS.add(parameters);
                    ICalcEngine e = EngineFactory.load().create(stage.engineType());
                    var config = stage.config();
                    for (var p : parameters.entrySet()) {
                        config = config.with(p.getKey(), p.getValue());
                    }
                    e.initialize(config, stage.credentials());
                    Arena arena = Arena.ofAuto();
                    MemorySegment policies = arena.allocate(ParquetFiles.rowCount(stage.policies().path()) * BufferType.INPUT.recordSize(), 16);
                    ParquetFiles.readPolicies(stage.policies().path(), policies);
                    Map<String, MemorySegment> in = new HashMap<>(stage.otherInputs());
                    in.put(stage.policyPort(), policies);
                    MemorySegment totals = arena.allocate(e.outputRecords(stage.totalsPort(), in).orElseThrow() * ScenarioTotalRecord.SIZE, 16);
                    e.runChunk(in, Map.of(stage.totalsPort(), totals));
                    e.dispose();
                    return new PolicyStage.Outcome(totals, policies.byteSize() / 32, 1, 1.0, null, 0);
                }

                @Override
                public void close() {
                    CLOSED.add(true);
                }
            };
        }
    }

    private Path dag(String execution) throws IOException {
        Path policies = dir.resolve("policies.parquet");
        if (!Files.exists(policies)) {
            new CsvParquetConverter().convert(ReferenceData.upstream("policies_10000.csv"), policies);
        }
        Path dag = dir.resolve("dag.json");
        Files.writeString(dag, """
                {"data_sources": {"policies": {"path": "policies.parquet"}, "scenarios": {"type": "csv", "path": "%s"}},
                 "engines": [{"id": "projection", "type": "projection", "inputs": ["policies", "scenarios"],
                              "config": {"mortality_table": "%s", "lapse_table": "%s", "expenses": "%s"}, "outputs": ["scenario_totals"]},
                             {"id": "solver", "type": "solver", "inputs": ["projection.scenario_totals"],
                              "config": {"objective": "npv_target", "metric": "mean_npv", "target": 0, "parameters": "premium_rate",
                                         "premium_rate.initial": 1.0, "premium_rate.lower": 0.5, "premium_rate.upper": 5.0}}],
                 "output": {"path": "totals.parquet", "from": "projection.scenario_totals"}%s}
                """.formatted(ReferenceData.upstream("sample_scenarios.csv"), ReferenceData.upstream("sample_mortality.csv"),
                ReferenceData.upstream("sample_lapse.csv"), ReferenceData.upstream("sample_expenses.csv"), execution));
        return dag;
    }

    @Test
    void aSolverParameterOfAnEngineBeforeTheStageIsRefusedNamingTheSolverAndTheStage() throws IOException {
        dag(""); // writes the policies as Parquet
        Pipeline p = Pipeline.builder().policies("policies", dir.resolve("policies.parquet"))
                .engine("esg", "esg", e -> e.config("model", "gbm").config("num_scenarios", 20).config("seed", 42))
                .engine("projection", "projection", e -> e.input("policies").input("esg.scenarios").config(ReferenceData.sampleAssumptions()))
                .engine("solver", "solver", e -> e.input("projection.scenario_totals").config("objective", "npv_target")
                        .config("metric", "mean_npv").config("target", 0).config("parameters", "esg.drift")
                        .config("esg.drift.lower", -0.01).config("esg.drift.upper", 0.02).config("esg.drift.initial", 0.0))
                .executionEngine(new ExecutionEngine("in-this-jvm", null, 0)).build();
        try (PipelineResult r = p.run()) {
            assertEquals(EngineRun.Status.SUCCEEDED, r.engine("projection").status(), r.engines().toString());
            EngineRun solver = r.engine("solver");
            assertEquals(EngineRun.Status.FAILED, solver.status());
            assertTrue(solver.error().contains("engine 'solver': its evaluations would re-run [esg, projection], but 'projection' runs on"
                    + " in-this-jvm, which re-runs a stage alone as the totals' producer; parameters of [esg] need a local run"), solver.error());
        }
    }

    @Test
    void anOutputThatIsAFolderIsAPreviousDatasetOnSparkAndAMistakeLocally() throws IOException {
        Path dag = dag("");
        Files.createDirectories(dir.resolve("totals.parquet")); // what a Spark run's per-pair parts leave
        DagValidationException local = assertThrows(DagValidationException.class, () -> Pipeline.fromJson(dag));
        assertTrue(local.getMessage().contains("/output (line ") && local.getMessage().contains("totals.parquet is a folder; name the file to write"),
                local.getMessage());
        assertEquals(ExecutionEngine.spark("local[2]", 0), PipelineBuilder.fromJson(dag).executionEngine(ExecutionEngine.spark("local[2]", 0))
                .build().execution().engine(), "on Spark a run replaces the previous dataset folder");
    }

    @Test
    void theExecutionBlockSelectsAnEngineWithMasterAndPartitions() throws IOException {
        assertEquals(ExecutionEngine.LOCAL, Pipeline.fromJson(dag("")).execution().engine());
        assertEquals(new ExecutionEngine("spark", "local[2]", 8), Pipeline.fromJson(dag(
                ", \"execution\": {\"engine\": \"Spark\", \"master\": \"local[2]\", \"partitions\": 8}")).execution().engine());
        assertEquals(ExecutionEngine.spark("spark://h:7077", 0), Pipeline.fromJson(dag(
                ", \"execution\": {\"master\": \"spark://h:7077\"}")).execution().engine(), "a master alone means Spark");
        DagValidationException e = assertThrows(DagValidationException.class, () -> Pipeline.fromJson(dag(
                ", \"execution\": {\"engine\": \"local\", \"partitions\": 4}")));
        assertTrue(e.getMessage().contains("/execution") && e.getMessage().contains("need a distributed"), e.getMessage());
        e = assertThrows(DagValidationException.class, () -> Pipeline.fromJson(dag(", \"execution\": {\"partitions\": -1}")));
        assertTrue(e.getMessage().contains("/execution/partitions"), e.getMessage());
        assertEquals(ExecutionEngine.spark("local[4]", 2), PipelineBuilder.fromJson(dag(", \"execution\": {\"parallelism\": 1}"))
                .executionEngine(ExecutionEngine.spark("local[4]", 2)).timeout(java.time.Duration.ofSeconds(5)).build().execution().engine(),
                "the other execution setters keep the engine");
    }

    @Test
    void anEngineWithoutProviderFailsNamingTheOnesFound() throws IOException {
        Pipeline p = Pipeline.fromJson(dag(", \"execution\": {\"engine\": \"flink\"}"));
        ConfigurationException e = assertThrows(ConfigurationException.class, p::run);
        assertTrue(e.getMessage().contains("'flink' is not available") && e.getMessage().contains("[in-this-jvm]"), e.getMessage());
    }

    @Test
    void thePolicyStageRunsOnTheExecutorTheSolverReRunsItAndTheTotalsEqualTheLocalRun() throws IOException {
        PipelineResult local = Pipeline.fromJson(dag("")).run();
        RUNS.clear();
        CLOSED.clear();
        PipelineResult remote = Pipeline.fromJson(dag(", \"execution\": {\"engine\": \"in-this-jvm\"}")).run();
        assertTrue(local.success() && remote.success(), remote.engines().toString());
        assertArrayEquals(local.valuation().orElseThrow().scenarioNpvs(), remote.valuation().orElseThrow().scenarioNpvs());
        assertEquals(Map.of(), RUNS.getFirst(), "the pipeline's own run has no parameters");
        assertTrue(RUNS.size() > 2 && RUNS.subList(1, RUNS.size()).stream().allMatch(p -> p.containsKey("premium_rate")),
                "the solver re-ran the stage on the executor: " + RUNS);
        assertEquals(List.of(true), CLOSED, "closed once at the end of the run");
        assertEquals(local.reports().get("solver").toString().replaceAll("elapsed_ms=[0-9.E-]+", ""),
                remote.reports().get("solver").toString().replaceAll("elapsed_ms=[0-9.E-]+", ""));
        assertEquals(3, ParquetFiles.rowCount(dir.resolve("totals.parquet")));
        var summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(remote.summary().orElseThrow().toFile());
        assertNull(summary.get("data_sources").get(0).get("records"), "the policies were not loaded in this JVM");
        assertEquals(10_000, remote.engine("projection").rowsProcessed());
    }
}
