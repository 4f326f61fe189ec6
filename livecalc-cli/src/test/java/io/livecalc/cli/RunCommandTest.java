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
        assertTrue(r.out().contains("mortality_multiplier") && r.out().contains("must be > 0"), r.out());
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
