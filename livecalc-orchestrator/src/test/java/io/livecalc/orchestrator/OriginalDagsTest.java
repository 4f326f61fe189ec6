package io.livecalc.orchestrator;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.api.BufferType;
import io.livecalc.api.ConfigProblem;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EngineInfo;
import io.livecalc.api.EngineProvider;
import io.livecalc.api.ICalcEngine;
import io.livecalc.api.PortSpec;
import io.livecalc.orchestrator.credentials.CredentialManager;
import io.livecalc.orchestrator.dag.Wire;
import io.livecalc.parquet.CsvParquetConverter;
import io.livecalc.parquet.ParquetFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The original system's example DAGs (test resources original/, copied unchanged) either run, given the
 * data and tables they name, or are refused by validation, every problem located, before any engine starts.
 */
class OriginalDagsTest {

    @TempDir
    Path dir;

    private static String resource(String name) throws IOException {
        try (InputStream in = OriginalDagsTest.class.getResourceAsStream("/original/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The original DAG's text in a folder holding the data and tables it names (policies converted to Parquet). */
    private Path originalProjectionOnly(String text) throws IOException {
        Files.createDirectories(dir.resolve("data"));
        for (String table : List.of("sample_mortality.csv", "sample_lapse.csv", "sample_expenses.csv", "sample_policies.csv")) {
            Files.writeString(dir.resolve("data").resolve(table), resource("data/" + table));
        }
        new CsvParquetConverter().convert(dir.resolve("data/sample_policies.csv"), dir.resolve("data/sample_policies.parquet"));
        Path dag = dir.resolve("dag_config_projection_only.json");
        Files.writeString(dag, text);
        return dag;
    }

    @Test
    void theOriginalProjectionOnlyDagRunsAndItsProjectionYearsChangesNoNumber() throws IOException {
        String original = resource("dag_config_projection_only.json");
        PipelineResult r = Pipeline.fromJson(originalProjectionOnly(original)).run();
        assertTrue(r.success(), r.engines().toString());
        Path out = dir.resolve("output/projection_results.parquet");
        assertEquals(10L * 1000, ParquetFiles.rowCount(out), "10 policies x the 1000 scenarios of num_scenarios");
        double[] withYears = r.valuation().orElseThrow().scenarioNpvs();

        // the annual model projects each policy to its term: the same DAG without the key gives the same NPVs
        PipelineResult without = Pipeline.fromJson(originalProjectionOnly(original.replace("\"projection_years\": \"50\",", ""))).run();
        assertArrayEquals(without.valuation().orElseThrow().scenarioNpvs(), withYears);
    }

    @Test
    void everyConfigProblemIsListedAtItsKeyBeforeAnyEngineStarts() throws IOException {
        String text = resource("dag_config_projection_only.json").replace("\"projection_years\": \"50\"", "\"projection_years\": \"0\"")
                .replace("\"seed\": \"42\"", "\"sede\": \"42\"").replace("data/sample_lapse.csv", "data/lapse_missing.csv");
        DagValidationException e = assertThrows(DagValidationException.class, () -> Pipeline.fromJson(originalProjectionOnly(text)));
        List<String> problems = e.problems().stream().map(DagProblem::toString).toList();
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("/engines/0/config/sede (line 10, column 17): engine 'projection': unknown config key 'sede'"
                + " (did you mean 'seed'?); known keys: ["), problems.get(0));
        assertEquals("/engines/0/config/projection_years (line 9, column 29): engine 'projection': config key 'projection_years' = 0"
                + " must be in 1..100 (the original projection's range)", problems.get(1));
        assertTrue(problems.get(2).startsWith("/engines/0/config/lapse_table (line 12, column 24): engine 'projection': config key"
                + " 'lapse_table' = \"data/lapse_missing.csv\": "), problems.get(2));
    }

    @Test
    void theOriginalFullPipelineIsRefusedWithEveryInconsistencyLocated() throws IOException {
        Path dag = dir.resolve("dag_config_full_pipeline.json");
        Files.writeString(dag, resource("dag_config_full_pipeline.json"));
        DagValidationException e = assertThrows(DagValidationException.class,
                () -> Pipeline.fromJson(dag, EngineFactory.load(), Map.of("HOME", "/home/user")::get));
        List<String> locations = e.problems().stream().map(p -> p.location().replaceFirst(" \\(.*", "")).toList();
        assertEquals(List.of("/am_credentials/url", "/am_credentials/token", "/data_sources/policies", "/engines/1",
                "/engines/2/config/calibration_targets", "/engines/2", "/engines/2", "/engines/2", "/engines/2", "/engines/2/inputs/0",
                "/output"), locations, e.getMessage());
        assertTrue(e.getMessage().contains("/engines/2/config/calibration_targets (line 38, column 32): engine 'solver': config key"
                + " 'calibration_targets' (the original solver's): "), e.getMessage());
    }

    @Test
    void anAssumptionsTableWithoutCredentialsIsAProblemAtItsKey() throws IOException {
        String text = resource("dag_config_projection_only.json").replace("\"data/sample_mortality.csv\"",
                "\"assumptions://mortality-standard:v2.1\"");
        Path dag = originalProjectionOnly(text);
        CredentialManager none = CredentialManager.builder().environment(Map.of()).home(dir).build();
        DagValidationException e = assertThrows(DagValidationException.class,
                () -> Pipeline.jsonBuilder(dag, Map.<String, String>of()::get).credentialManager(none).build());
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).toString().startsWith("/engines/0/config/mortality_table (line 11, column 28): engine 'projection':"
                + " config key 'mortality_table' = \"assumptions://mortality-standard:v2.1\" needs Assumptions Manager credentials: "
                + "No Assumptions Manager credentials."), e.getMessage());
    }

    @Test
    void listsAndDictsReachAPythonEngineAsTheyAreAndAJavaEngineRefusesThemAtTheirKey() throws IOException {
        Path dag = dir.resolve("solver.json");
        Files.writeString(dag, """
                {"engines": [{"id": "solver", "type": "python", "outputs": ["parameters"],
                  "config": {"python.module": "src.solver_engine", "python.class": "SolverEngine",
                             "parameters": [{"name": "premium_rate", "initial": 1.0, "lower": 0.5, "upper": 3.0}],
                             "objective": {"metric": "mean_npv", "direction": "maximize"}}}]}
                """);
        Pipeline p = Pipeline.fromJson(dag);
        assertEquals(List.of(Map.of("name", "premium_rate", "initial", 1.0, "lower", 0.5, "upper", 3.0)),
                p.engines().get(0).config().get("parameters"));
        assertEquals(Map.of("metric", "mean_npv", "direction", "maximize"), p.engines().get(0).config().get("objective"));

        Files.writeString(dag, """
                {"engines": [{"id": "esg", "type": "esg",
                  "config": {"model": "nested", "outer_paths": [3, 4]}}]}
                """);
        DagValidationException e = assertThrows(DagValidationException.class, () -> Pipeline.fromJson(dag));
        assertEquals(List.of(new DagProblem("/engines/0/config/outer_paths (line 2, column 48)",
                "engine 'esg': config key 'outer_paths' = [3, 4] is not an integer")), e.problems());
    }

    /** A provider whose check finds a problem and which counts the engines created. */
    private static final class CountingProvider implements EngineProvider {
        final AtomicInteger created = new AtomicInteger();

        @Override
        public String type() {
            return "counted";
        }

        @Override
        public EngineInfo describe() {
            return new EngineInfo("Counted", "1", "counted", false, 1 << 20, List.of(),
                    List.of(PortSpec.required("scenarios", BufferType.SCENARIO, "rates")));
        }

        @Override
        public List<ConfigProblem> checkConfig(EngineConfig config) {
            return config.contains("bad") ? List.of(new ConfigProblem("bad", "config key 'bad' is bad")) : List.of();
        }

        @Override
        public ICalcEngine create() {
            created.incrementAndGet();
            throw new AssertionError("no engine may be created when validation fails");
        }
    }

    @Test
    void theBuilderRefusesAConfigProblemWithoutCreatingAnEngine() {
        CountingProvider provider = new CountingProvider();
        EngineFactory factory = new EngineFactory().register(provider);
        DagValidationException e = assertThrows(DagValidationException.class, () -> Pipeline.builder().factory(factory)
                .engine("a", "counted", s -> s.config("bad", 1)).engine("b", "counted", s -> s.config("bad", 2)).build());
        assertEquals(List.of(new DagProblem("engine(\"a\")", "engine 'a': config key 'bad' is bad"),
                new DagProblem("engine(\"b\")", "engine 'b': config key 'bad' is bad")), e.problems());
        assertEquals(0, provider.created.get());
    }
}
