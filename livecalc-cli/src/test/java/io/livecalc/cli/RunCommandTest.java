package io.livecalc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.livecalc.engines.ReferenceData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code livecalc run|validate|graph|engines} on real DAG files. */
class RunCommandTest {

    @TempDir
    Path dir;

    private Path dag(String engineConfigExtra) throws IOException {
        Path file = dir.resolve("dag.json");
        Files.writeString(file, """
                {"data_sources": {"policies": {"path": "%s"}, "scenarios": {"path": "%s"}},
                 "engines": [{"id": "projection", "type": "cpp_projection", "inputs": ["policies", "scenarios"],
                              "config": {"mortality_table": "%s", "lapse_table": "%s", "expenses": "%s"%s},
                              "outputs": ["results"]}],
                 "output": {"type": "parquet", "path": "out/results.parquet"}}
                """.formatted(ReferenceData.upstream("sample_policies.csv"), ReferenceData.upstream("sample_scenarios.csv"),
                ReferenceData.upstream("sample_mortality.csv"), ReferenceData.upstream("sample_lapse.csv"),
                ReferenceData.upstream("sample_expenses.csv"), engineConfigExtra));
        Files.createDirectories(dir.resolve("out"));
        return file;
    }

    @Test
    void runPrintsTheStatisticsAndWritesOutputAndSummary() throws IOException {
        CliRun r = CliRun.of("run", dag("").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("scenarios 3   mean NPV -2,925.13"), r.out());
        assertTrue(r.out().contains("output:  " + dir.resolve("out/results.parquet")), r.out());
        assertTrue(Files.exists(dir.resolve("out/results.summary.json")));
        assertTrue(r.err().contains("projection: succeeded"), r.err());
    }

    @Test
    void setOverridesAConfigValueAndOutputDirMovesTheOutput() throws IOException {
        Path elsewhere = dir.resolve("elsewhere");
        Files.createDirectories(elsewhere);
        CliRun r = CliRun.of("run", dag("").toString(), "--set", "projection.expense_multiplier=1.2", "--output-dir", elsewhere.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.exists(elsewhere.resolve("results.parquet")));
        double mean = new ObjectMapper().readTree(elsewhere.resolve("results.summary.json").toFile()).get("statistics").get("mean_npv").asDouble();
        assertTrue(mean < -2925.131473, "expenses up 20% lower the NPV: " + mean);
    }

    @Test
    void aBadConfigValueIsExit2NamingTheEngineAndKey() throws IOException {
        CliRun r = CliRun.of("run", dag(", \"mortality_multiplier\": \"0\"").toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        // refused before any engine starts, at the key, as validate refuses it: no PARTIAL summary
        assertTrue(r.err().contains("/engines/0/config/mortality_multiplier (line 3, column ")
                && r.err().contains("engine 'projection': config key 'mortality_multiplier' = 0.0 must be > 0"), r.err());
        assertTrue(!Files.exists(dir.resolve("out/results.summary.json")));
    }

    @Test
    void validateListsEveryProblemAndExits2() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"engines\": [{\"id\": \"p\", \"type\": \"projecton\"}, {\"id\": \"p\", \"type\": \"esg\", \"colour\": 1}]}");
        CliRun r = CliRun.of("validate", file.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith(file + ": 3 problems"), r.err());
        assertTrue(r.err().contains("unknown key 'colour'") && r.err().contains("duplicate engine id 'p'")
                && r.err().contains("unknown engine type 'projecton'"), r.err());
        CliRun ok = CliRun.of("validate", dag("").toString());
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().contains("valid; engines in order: [projection]"), ok.out());
    }

    private Path original(String name, String from, String to) throws IOException {
        try (java.io.InputStream in = RunCommandTest.class.getResourceAsStream("/original/" + name)) {
            Path file = dir.resolve(name);
            Files.writeString(file, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).replace(from, to));
            return file;
        }
    }

    @Test
    void validateAndRunRefuseTheSameConfigProblemsBeforeAnyEngineStarts() throws IOException {
        // the original's projection-only example with a misspelt key and an out-of-range one
        Path file = original("dag_config_projection_only.json", "\"projection_years\": \"50\"", "\"projection_yaers\": \"500\"");
        CliRun validate = CliRun.of("validate", file.toString());
        CliRun run = CliRun.of("run", file.toString());
        assertEquals(2, validate.exit(), validate.out() + validate.err());
        assertEquals(2, run.exit(), run.out() + run.err());
        String problem = "/engines/0/config/projection_yaers (line 9, column 29): engine 'projection': unknown config key"
                + " 'projection_yaers' (did you mean 'projection_years'?)";
        assertTrue(validate.err().contains(problem), validate.err());
        assertTrue((run.out() + run.err()).contains(problem), run.out() + run.err());
        assertTrue(!Files.exists(dir.resolve("output")), "no engine ran, nothing was written");
    }

    @Test
    void validatePrintShowsTheTranslationOfTheDemoDialect() throws IOException {
        Path file = original("demo_dag_full_pipeline.json", "", "");
        CliRun r = CliRun.of("validate", "--print", file.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.out().contains("\"type\" : \"python_esg\"") && r.out().contains("\"inputs\" : [ \"esg.scenarios\", \"policies\" ]")
                && r.out().contains("\"lapse_table\" : \"assumptions://lapse-demo-2026:v1.0\""), r.out());
        assertTrue(r.err().contains("/nodes/1/config/udf_script (line 28, column 23): engine 'projection': 'udf_script'"), r.err());
    }

    @Test
    void graphDrawsMermaidAndDot() throws IOException {
        Path file = dag("");
        CliRun m = CliRun.of("graph", file.toString());
        assertEquals(0, m.exit(), m.err());
        assertTrue(m.out().startsWith("flowchart LR\n"), m.out());
        assertTrue(m.out().contains("  policies -->|policies| projection\n"), m.out());
        assertTrue(m.out().contains("  projection -->|results| output\n"), m.out());
        CliRun d = CliRun.of("graph", file.toString(), "--format", "dot");
        assertTrue(d.out().startsWith("digraph livecalc {"), d.out());
        assertTrue(d.out().contains("\"scenarios\" -> \"projection\" [label=\"scenarios\"];"), d.out());
        assertEquals(2, CliRun.of("graph", file.toString(), "--format", "svg").exit());
    }

    @Test
    void enginesListsTypesAliasesAndPorts() {
        CliRun r = CliRun.of("engines");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("projection (aliases: cpp_projection): Java Projection Engine"), r.out());
        assertTrue(r.out().contains("in  policies         INPUT           required"), r.out());
        assertTrue(r.out().contains("solver: Java Solver Engine"), r.out());
    }
}
