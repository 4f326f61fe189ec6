package io.livecalc.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livecalc.api.ConfigProblem;
import io.livecalc.api.EngineConfig;
import io.livecalc.engines.esg.EsgEngine;
import io.livecalc.engines.projection.ProjectionEngine;
import io.livecalc.engines.python.PythonEngine;
import io.livecalc.engines.solver.SolverEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The config keys of the original system's engines, taken from its example DAGs (test resources
 * original/, copied unchanged), are accepted with the original's meaning and range, and every problem is
 * found by {@code checkConfig}, before any engine is created.
 */
class OriginalConfigKeysTest {

    /** engines[i].config of an original example DAG, as the DAG reader passes it (strings stay strings). */
    private static Map<String, Object> originalConfig(String dag, String engineId) throws IOException {
        try (InputStream in = OriginalConfigKeysTest.class.getResourceAsStream("/original/" + dag)) {
            JsonNode root = new ObjectMapper().readTree(in);
            for (JsonNode e : root.get("engines")) {
                if (e.get("id").asText().equals(engineId)) {
                    Map<String, Object> config = new LinkedHashMap<>();
                    e.get("config").properties().forEach(p -> config.put(p.getKey(), p.getValue().asText()));
                    return config;
                }
            }
        }
        throw new IllegalArgumentException(engineId + " not in " + dag);
    }

    /** The folder of the copied DAGs, with the sample tables the projection-only example names under data/. */
    private static Path withSampleTables() {
        try {
            return Path.of(OriginalConfigKeysTest.class.getResource("/original/README.md").toURI()).getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theOriginalProjectionOnlyConfigHasNoProblem() throws IOException {
        Map<String, Object> config = originalConfig("dag_config_projection_only.json", "projection");
        assertEquals("50", config.get("projection_years"));
        assertEquals(List.of(), ProjectionEngine.checkConfig(EngineConfig.of("projection", config, withSampleTables())));
    }

    @Test
    void projectionYearsKeepsTheOriginalRangeOneToHundred() throws IOException {
        Map<String, Object> config = originalConfig("dag_config_projection_only.json", "projection");
        Path base = withSampleTables();
        for (String years : List.of("1", "100")) {
            config.put("projection_years", years);
            assertEquals(List.of(), ProjectionEngine.checkConfig(EngineConfig.of("projection", config, base)));
        }
        config.put("projection_years", "101");
        assertEquals(List.of(new ConfigProblem("projection_years",
                        "config key 'projection_years' = 101 must be in 1..100 (the original projection's range)")),
                ProjectionEngine.checkConfig(EngineConfig.of("projection", config, base)));
    }

    @Test
    void everyProjectionProblemIsListedWithItsKey() throws IOException {
        Map<String, Object> config = originalConfig("dag_config_projection_only.json", "projection");
        config.put("projection_yaers", "50");
        config.put("threads", "0");
        config.put("lapse_table", "data/missing_lapse.csv");
        List<ConfigProblem> problems = ProjectionEngine.checkConfig(EngineConfig.of("projection", config, withSampleTables()));
        assertEquals(List.of("projection_yaers", "threads", "lapse_table"), problems.stream().map(ConfigProblem::key).toList());
        assertEquals(true, problems.get(0).message().startsWith(
                "unknown config key 'projection_yaers' (did you mean 'projection_years'?); known keys: ["), problems.get(0).message());
        assertEquals("config key 'threads' = 0 must be in 1..1024", problems.get(1).message());
        assertEquals(true, problems.get(2).message().startsWith("config key 'lapse_table' = \"data/missing_lapse.csv\": "),
                problems.get(2).message());
    }

    @Test
    void theOriginalEsgConfigIsTheNestedModelWithTheOriginalsSize() throws IOException {
        Map<String, Object> config = originalConfig("dag_config_full_pipeline.json", "esg");
        EngineConfig c = EngineConfig.of("esg", config);
        assertEquals(List.of(), EsgEngine.checkConfig(c));
        // esg_model 'vasicek' with outer/inner paths: the original's 10 outer x 1000 inner paths x 50 years
        assertEquals(10L * 1000 * 50, EsgEngine.recordsNeeded(c));
        assertEquals(List.of(), PythonEngine.checkConfig(PythonEngine.ESG_TYPE, c));
    }

    @Test
    void theOriginalEsgKeyBringsTheOriginalDefaultsThreeOuterByThousandInnerPaths() {
        EngineConfig c = EngineConfig.of("esg", Map.of("esg_model", "cir", "seed", "7"));
        assertEquals(3L * 1000 * 50, EsgEngine.recordsNeeded(c));
        assertEquals(10L * 100 * 50, EsgEngine.recordsNeeded(EngineConfig.of("esg", Map.of("model", "nested"))), "this project's defaults");
    }

    @Test
    void theOriginalEsgRangesAreKept() {
        List<ConfigProblem> problems = EsgEngine.checkConfig(EngineConfig.of("esg", Map.of("esg_model", "cir", "outer_paths", "11",
                "inner_paths_per_outer", "99", "projection_years", "0", "assumptions_version", "v2.1")));
        assertEquals(List.of("outer_paths", "inner_paths_per_outer", "projection_years"), problems.stream().map(ConfigProblem::key).toList());
        assertEquals("config key 'outer_paths' = 11 is out of range 3..10 (the original ESG's limits)", problems.get(0).message());
    }

    @Test
    void theOriginalSolverConfigIsRefusedOnlyForWhatHasNoCounterpartHere() throws IOException {
        // the original solver needs 'parameters' and 'objective' too, which the example leaves out: here the target and bounds
        Map<String, Object> config = originalConfig("dag_config_full_pipeline.json", "solver");
        List<ConfigProblem> problems = SolverEngine.checkConfig(EngineConfig.of("solver", config));
        assertEquals(List.of("calibration_targets", "target", "premium_rate.lower", "premium_rate.upper"),
                problems.stream().map(ConfigProblem::key).toList());
        assertEquals("missing required config key 'premium_rate.lower' (expected a number)", problems.get(2).message());
        assertEquals(true, problems.get(0).message().startsWith("config key 'calibration_targets' (the original solver's): the original's"
                + " Assumptions Manager calibration targets are not read here;"), problems.get(0).message());
        assertEquals(problems, PythonEngine.checkConfig(PythonEngine.SOLVER_TYPE, EngineConfig.of("solver", config)));
    }

    @Test
    void theOriginalSolverAlgorithmNamesAndTimeoutRangeAreRead() {
        Map<String, Object> config = new LinkedHashMap<>(Map.of("target", 0, "premium_rate.lower", 0.5, "premium_rate.upper", 5));
        for (String algorithm : List.of("slsqp", "nelder-mead", "SLSQP")) {
            config.put("algorithm", algorithm);
            assertEquals(List.of(), SolverEngine.checkConfig(EngineConfig.of("solver", config)), algorithm);
        }
        config.put("algorithm", "differential_evolution");
        config.put("timeout_seconds", "3601");
        assertEquals(List.of(
                new ConfigProblem("timeout_seconds", "config key 'timeout_seconds' = 3601.0 must be in (0, 3600] (the original solver's range)"),
                new ConfigProblem("algorithm", "config key 'algorithm' = \"differential_evolution\" is not one of "
                        + "[brent, secant, newton, bisection, nelder_mead, bobyqa]")),
                SolverEngine.checkConfig(EngineConfig.of("solver", config)));
    }

    @Test
    void aProductModelsProblemsAreFoundWithoutCreatingTheEngine() {
        List<ConfigProblem> problems = new io.livecalc.engines.projection.model.ProductModelEngineProvider.BasicTerm().checkConfig(
                EngineConfig.of("bt", Map.of("mortality_tabel", "m.csv", "threads", 0, "model_points", "nope.csv"), withSampleTables()));
        assertEquals(List.of("mortality_tabel", "threads", "model_points"), problems.stream().map(ConfigProblem::key).toList());
        assertEquals(true, problems.get(0).message().startsWith("unknown config key 'mortality_tabel' (did you mean 'mortality_table'?)"),
                problems.get(0).message());
        assertEquals("config key 'model_points': file not found: " + withSampleTables().resolve("nope.csv"), problems.get(2).message());
    }

    @Test
    void aPythonBridgeKeyMisspeltIsNamedWithTheKeyItResembles() {
        List<ConfigProblem> problems = PythonEngine.checkConfig(PythonEngine.TYPE, EngineConfig.of("shock", Map.of(
                "python.modul", "my_engines", "python.class", "Shock", "python.script", "nope.py")));
        assertEquals(java.util.Arrays.asList("python.modul", "python.script"), problems.stream().map(ConfigProblem::key).toList());
        assertEquals(true, problems.get(0).message().startsWith("unknown config key 'python.modul' (did you mean 'python.module'?)"),
                problems.get(0).message());
    }
}
