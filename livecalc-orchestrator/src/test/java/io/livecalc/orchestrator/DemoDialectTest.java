package io.livecalc.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The original demo's DAG dialect (test resources original/demo_dag_full_pipeline.json, unchanged) is read by translation. */
class DemoDialectTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path demo(String text) throws IOException {
        Path dag = dir.resolve("dag_full_pipeline.json");
        Files.writeString(dag, text);
        return dag;
    }

    private static String original() throws IOException {
        try (InputStream in = DemoDialectTest.class.getResourceAsStream("/original/demo_dag_full_pipeline.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode translation(Path dag) throws IOException {
        return JSON.readTree(Pipeline.jsonBuilder(dag, Map.of("LIVECALC_AM_TOKEN", "eyJ.demo")::get).definitionJson().orElseThrow());
    }

    @Test
    void theDemoDagTranslatesToThisProjectsFormatItsBusesToThePortsTheyStandFor() throws IOException {
        JsonNode t = translation(demo(original()));
        assertEquals(JSON.readTree("""
                {"name": "full-demo-esg-projection-solver",
                 "description": "Full LiveCalc demo pipeline: ESG → Projection → Solver",
                 "engines": [
                   {"id": "esg", "type": "python_esg", "inputs": [], "outputs": ["scenarios"],
                    "config": {"esg_model": "vasicek", "outer_paths": 10, "inner_paths_per_outer": 100, "projection_years": 50,
                               "seed": 42, "assumptions_version": "latest"}},
                   {"id": "projection", "type": "cpp_projection", "inputs": ["esg.scenarios", "policies"], "outputs": ["scenario_totals"],
                    "config": {"mortality_table": "assumptions://mortality-demo-2026:v1.0",
                               "lapse_table": "assumptions://lapse-demo-2026:v1.0", "expenses": "assumptions://expenses-demo-2026:v1.0"}},
                   {"id": "solver", "type": "python_solver", "inputs": ["projection.scenario_totals"], "outputs": ["parameters"],
                    "config": {"objective": "npv_target", "target": 1200.0, "parameters": "premium_rate", "algorithm": "newton",
                               "tolerance": 0.01, "max_iterations": 10}}],
                 "am_credentials": {"url": "https://assumptionsmanager.ddns.net", "token": "${LIVECALC_AM_TOKEN}"},
                 "execution": {"parallelism": 1, "timeout_seconds": 600, "retry": {"max_attempts": 1}},
                 "data_sources": {"policies": {"path": "data/policies_1m.parquet"}}}
                """), t);
    }

    @Test
    void whatHasNoMeaningHereAndWhatDoesNotFitIsRefusedAtItsPlaceInTheFileAsWritten() throws IOException {
        DagValidationException e = assertThrows(DagValidationException.class,
                () -> Pipeline.jsonBuilder(demo(original()), Map.of("LIVECALC_AM_TOKEN", "eyJ.demo")::get).build());
        String udf = "(a Python function the original's C++ projection called for each policy) has no meaning here; write the"
                + " adjustment as an engine of type 'python' between engines, or in Java as a ScenarioAdjustment of the projection";
        assertEquals(List.of(
                "/nodes/1/config/udf_script (line 28, column 23): engine 'projection': 'udf_script' " + udf,
                "/nodes/1/config/udf_function (line 29, column 25): engine 'projection': 'udf_function' " + udf,
                "/nodes/1/config/policies_path (line 24, column 26): data source 'policies': file not found: "
                        + dir.resolve("data/policies_1m.parquet"),
                "/nodes/2 (line 34, column 5): engine 'solver': missing required config key 'premium_rate.lower' (expected a number)",
                "/nodes/2 (line 34, column 5): engine 'solver': missing required config key 'premium_rate.upper' (expected a number)"),
                e.problems().stream().map(DagProblem::toString).toList());
    }

    @Test
    void anUnsetTokenVariableIsNamedAtTheKeyThatNamesIt() throws IOException {
        DagValidationException e = assertThrows(DagValidationException.class,
                () -> Pipeline.jsonBuilder(demo(original()), Map.<String, String>of()::get).build());
        assertEquals(true, e.problems().contains(new DagProblem("/credentials/jwt_token_env (line 51, column 22)",
                "environment variable LIVECALC_AM_TOKEN is not set (referenced as ${LIVECALC_AM_TOKEN})")), e.getMessage());
    }

    @Test
    void aBusNoNodeWritesIsLocated() throws IOException {
        Path dag = demo(original().replace("\"inputs\": [\"bus://projections\"]", "\"inputs\": [\"bus://projection\"]"));
        DagValidationException e = assertThrows(DagValidationException.class,
                () -> Pipeline.jsonBuilder(dag, Map.of("LIVECALC_AM_TOKEN", "eyJ.demo")::get).build());
        assertEquals(true, e.problems().contains(new DagProblem("/nodes/2/inputs/0 (line 45, column 18)",
                "no node writes 'bus://projection'; buses written: [bus://scenarios, bus://projections, bus://solution]")), e.getMessage());
    }
}
