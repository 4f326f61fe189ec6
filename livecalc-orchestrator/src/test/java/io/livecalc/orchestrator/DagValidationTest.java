package io.livecalc.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.livecalc.api.BufferType;
import io.livecalc.orchestrator.dag.DataKind;
import io.livecalc.orchestrator.dag.EngineSpec;
import io.livecalc.orchestrator.dag.Wire;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DagValidationTest {

    @TempDir
    Path dir;

    @BeforeEach
    void dataFiles() throws IOException {
        Files.writeString(dir.resolve("policies.csv"), "policy_id,age,gender,sum_assured,premium,term,product_type,underwriting_class\n"
                + "1,25,M,50000,200,20,Term,Standard\n");
        Files.writeString(dir.resolve("scenarios.csv"), "scenario_id,year,rate\n0,1,0.03\n");
        Files.writeString(dir.resolve("mystery.csv"), "a,b,c\n");
    }

    private Pipeline load(String json, Map<String, String> env) throws IOException {
        Path dag = dir.resolve("dag.json");
        Files.writeString(dag, json);
        return Pipeline.jsonBuilder(dag, env::get).catalog(new TestCatalog()).build();
    }

    private List<String> problems(String json) {
        var e = assertThrows(DagValidationException.class, () -> load(json, Map.of()));
        return e.problems().stream().map(DagProblem::toString).toList();
    }

    private static final String FULL = """
            {
              "data_sources": {
                "policies": {"type": "csv", "path": "policies.csv"}
              },
              "engines": [
                {"id": "esg", "type": "esg", "config": {"num_scenarios": "1000", "seed": 42}, "outputs": ["scenarios"]},
                {"id": "projection", "type": "cpp_projection", "inputs": ["policies", "esg.scenarios"],
                 "config": {"mortality_table": "${TABLES:-tables}/mortality.csv", "threads": 2}, "outputs": ["scenario_totals"]},
                {"id": "solver", "type": "solver", "inputs": ["projection.scenario_totals"]}
              ],
              "output": {"type": "parquet", "path": "out/solution.parquet"},
              "am_credentials": {"url": "https://am.example.com", "token": "${AM_TOKEN}", "cache_dir": "cache"},
              "execution": {"timeout_seconds": 30, "retry": {"max_attempts": 2, "initial_backoff_ms": 50},
                            "failure_policy": "best_effort", "parallelism": 4, "chunk_policies": 50000}
            }
            """;

    @Test
    void theSeedsDagFormatLoadsWithReferencesPathsAndVariablesResolved() throws IOException {
        Pipeline p = load(FULL, Map.of("AM_TOKEN", "eyJhbGciOiJIUzI1NiJ9.e30.sig"));
        assertEquals(List.of("esg", "projection", "solver"), p.engines().stream().map(EngineSpec::id).toList());
        assertEquals(new Wire("policies", "policies", null, null, BufferType.INPUT), p.inputsOf("projection").get("policies"));
        assertEquals(new Wire("scenarios", null, "esg", "scenarios", BufferType.SCENARIO), p.inputsOf("projection").get("scenarios"));
        assertEquals("tables/mortality.csv", p.engines().get(1).config().get("mortality_table"));
        assertEquals(2L, p.engines().get(1).config().get("threads"));
        assertEquals(DataKind.POLICIES, p.dataSources().get("policies").kind());
        assertEquals(dir.resolve("policies.csv"), p.dataSources().get("policies").path());
        assertEquals(dir.resolve("out/solution.parquet"), p.output().orElseThrow().path());
        assertEquals("solver.parameters", p.output().orElseThrow().from());
        assertEquals("eyJhbGciOiJIUzI1NiJ9.e30.sig", p.credentialManager().credentials().orElseThrow().token());
        assertEquals(dir.resolve("cache"), p.credentialManager().credentials().orElseThrow().cacheDir());
        assertEquals(new ExecutionOptions(Duration.ofSeconds(30), 2, Duration.ofMillis(50), FailurePolicy.BEST_EFFORT, 4, 50_000,
                ExecutionOptions.DEFAULTS.memoryBudgetBytes()), p.execution());
    }

    @Test
    void builderAndJsonProduceTheSameModel() throws IOException {
        Pipeline fromJson = load(FULL, Map.of("AM_TOKEN", "tok-123456789"));
        Pipeline fromCode = new PipelineBuilder().source("code", dir)
                .policies("policies", Path.of("policies.csv"))
                .engine("esg", "esg", e -> e.config("num_scenarios", "1000").config("seed", 42L).output("scenarios"))
                .engine("projection", "cpp_projection", e -> e.input("policies").input("esg.scenarios")
                        .config("mortality_table", "tables/mortality.csv").config("threads", 2L).output("scenario_totals"))
                .engine("solver", "solver", e -> e.input("projection.scenario_totals"))
                .output(Path.of("out/solution.parquet"))
                .credentials(fromJson.credentialManager().credentials().orElseThrow())
                .execution(fromJson.execution())
                .catalog(new TestCatalog()).build();
        for (EngineSpec e : fromJson.engines()) {
            EngineSpec c = fromCode.engines().stream().filter(x -> x.id().equals(e.id())).findFirst().orElseThrow();
            assertEquals(e.type(), c.type());
            assertEquals(e.config(), c.config());
            assertEquals(e.outputs(), c.outputs());
            assertEquals(fromJson.inputsOf(e.id()), fromCode.inputsOf(e.id()));
        }
        assertEquals(fromJson.output().orElseThrow().from(), fromCode.output().orElseThrow().from());
        assertEquals(fromJson.output().orElseThrow().path(), fromCode.output().orElseThrow().path());
        assertEquals(fromJson.execution(), fromCode.execution());
    }

    @Test
    void everyProblemIsReportedTogetherWithItsJsonLocation() {
        List<String> p = problems("""
                {
                  "data_sources": {"policies": {"type": "csv", "path": "policies.csv"},
                                   "odd": {"path": "mystery.csv"},
                                   "gone": {"path": "missing.parquet"}},
                  "engines": [
                    {"id": "esg", "type": "esgg"},
                    {"id": "esg", "type": "esg"},
                    {"id": "bad.id", "type": "esg"},
                    {"id": "projection", "type": "projection", "inputs": ["policy", "esg.rates"], "outputs": ["results", "results"]},
                    {"id": "solver", "type": "solver", "inputs": {"scenario_totals": "policies"}, "colour": "blue"}
                  ]
                }
                """);
        assertEquals(List.of(
                "/engines/4/colour (line 10, column 93): unknown key 'colour' in an engine; allowed: [config, description, id, inputs, optional, outputs, type]",
                "/data_sources/odd (line 3, column 27): data source 'odd': cannot tell whether " + dir.resolve("mystery.csv")
                        + " holds policies or scenarios from its columns; add \"kind\": \"policies\" or \"scenarios\"",
                "/data_sources/gone (line 4, column 28): data source 'gone': file not found: " + dir.resolve("missing.parquet"),
                "/engines/1 (line 7, column 5): duplicate engine id 'esg' (first declared at /engines/0 (line 6, column 5))",
                "/engines/2 (line 8, column 5): invalid engine id 'bad.id': use letters, digits, '_' and '-', starting with a letter"
                        + " (no dots: 'id.output' is how inputs refer to outputs)",
                "/engines/0 (line 6, column 5): engine 'esg': unknown engine type 'esgg'; registered types: [cpp_projection, esg, projection, rates, solver]",
                "/engines/3 (line 9, column 5): engine 'projection': output 'results' is produced twice (listed twice in \"outputs\")",
                "/engines/3/inputs/0 (line 9, column 59): engine 'projection': unknown input 'policy'; data sources: [policies, odd, gone], engines: [esg, projection, solver]",
                "/engines/4/inputs/scenario_totals (line 10, column 70): port type mismatch: 'policies' carries INPUT records but input 'scenario_totals' of engine 'solver' takes SCENARIO_TOTAL"),
                p);
    }

    @Test
    void aCycleIsReportedWithTheEnginesOnItInDataFlowOrder() {
        List<String> p = problems("""
                {"engines": [
                   {"id": "esg", "type": "esg"},
                   {"id": "shift", "type": "rates", "inputs": ["floor.scenarios"]},
                   {"id": "floor", "type": "rates", "inputs": ["shift.scenarios"]},
                   {"id": "after", "type": "rates", "inputs": ["floor"]}
                 ]}
                """);
        assertEquals(List.of("/engines/1 (line 3, column 4): cycle: shift -> floor -> shift; a pipeline must be acyclic "
                + "(an engine cannot depend on its own output, even indirectly)"), p);
    }

    @Test
    void wrongBufferTypesAreMismatchesNotSilentlyIgnored() {
        List<String> p = problems("""
                {"data_sources": {"policies": {"path": "policies.csv"}},
                 "engines": [
                   {"id": "p1", "type": "projection", "inputs": {"policies": "policies", "scenarios": "p2.results"}},
                   {"id": "p2", "type": "projection", "inputs": ["policies", "p1.results"]}
                 ]}
                """);
        assertEquals(List.of(
                "/engines/0/inputs/scenarios (line 3, column 87): port type mismatch: 'p2.results' carries RESULT records but input 'scenarios' of engine 'p1' takes SCENARIO",
                "/engines/1/inputs/1 (line 4, column 62): port type mismatch: 'p1.results' carries RESULT records and no free input of engine 'p2' (projection) takes them; its inputs: [policies (INPUT), scenarios (SCENARIO, optional)]"),
                p);
    }

    @Test
    void anExplicitOutputMayNameAnyEnginesPort() throws IOException {
        Pipeline p = load("""
                {"data_sources": {"policies": {"path": "policies.csv"}, "rates": {"path": "scenarios.csv"}},
                 "engines": [
                   {"id": "s1", "type": "solver", "inputs": ["p.scenario_totals"]},
                   {"id": "p", "type": "projection", "inputs": ["policies", "rates"]}
                 ],
                 "output": {"path": "x.parquet", "from": "p.results"}}
                """, Map.of());
        assertEquals("p.results", p.output().orElseThrow().from());
        assertEquals(List.of("p", "s1"), p.engines().stream().map(EngineSpec::id).toList());
        assertEquals(DataKind.SCENARIOS, p.dataSources().get("rates").kind());
    }

    @Test
    void emptyDagAndMissingVariablesAreProblems() {
        assertEquals(List.of("/engines (line 1, column 13): the pipeline has no engines; add at least one"),
                problems("{\"engines\": []}"));
        List<String> p = problems("""
                {"engines": [{"id": "esg", "type": "esg", "config": {"seed": "${SEED}"}}]}
                """);
        assertEquals(List.of("/engines/0/config/seed (line 1, column 62): environment variable SEED is not set (referenced as ${SEED})"), p);
    }

    @Test
    void invalidJsonNamesLineAndColumn() {
        var e = assertThrows(DagValidationException.class, () -> load("{\"engines\": [\n  {\"id\": \"esg\",, }\n]}", Map.of()));
        assertEquals(1, e.problems().size());
        assertEquals(dir.resolve("dag.json") + " line 2, column 16", e.problems().get(0).location());
    }

    @Test
    void severalTerminalEnginesNeedAnExplicitOutput() {
        List<String> p = problems("""
                {"engines": [{"id": "a", "type": "esg"}, {"id": "b", "type": "esg"}],
                 "output": {"type": "parquet", "path": "out.parquet"}}
                """);
        assertEquals(List.of("/output (line 2, column 12): the DAG has 2 terminal engines [a, b]; say which output to write: "
                + "\"output\": {\"from\": \"engine.output\", ...}"), p);
    }
}
