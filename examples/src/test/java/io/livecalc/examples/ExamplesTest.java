package io.livecalc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livecalc.api.ValuationResult;
import io.livecalc.engines.ReferenceData;
import io.livecalc.orchestrator.EngineRun;
import io.livecalc.orchestrator.Pipeline;
import io.livecalc.orchestrator.PipelineBuilder;
import io.livecalc.orchestrator.PipelineResult;
import io.livecalc.orchestrator.credentials.CredentialManager;
import io.livecalc.parquet.ParquetFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every example DAG and program runs, and its numbers are checked against an independent source. */
class ExamplesTest {

    /** The examples folder (surefire runs with the module folder as working directory). */
    static final Path EXAMPLES = Path.of("").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    private PipelineResult runDag(String name) {
        PipelineResult r = PipelineBuilder.fromJson(EXAMPLES.resolve(name)).outputDirectory(out).build().run();
        assertTrue(r.success(), name + ": " + r.engines());
        return r;
    }

    @Test
    void projectionOnlyReproducesTheOriginalEngineOn1000PoliciesAndWritesEveryPair() throws IOException {
        PipelineResult r = runDag("dag_config_projection_only.json");
        JsonNode expected = JSON.readTree(ReferenceData.expected("policies1000_gbm1000.json").toFile());
        ValuationResult v = r.valuation().orElseThrow();
        JsonNode dist = expected.get("distribution");
        assertEquals(dist.size(), v.scenarioCount());
        for (int s = 0; s < dist.size(); s++) {
            assertEquals(dist.get(s).asDouble(), v.scenarioNpvs()[s], 1e-9 * Math.abs(dist.get(s).asDouble()), "scenario " + s);
        }
        assertEquals(expected.get("statistics").get("cte_95").asDouble(), v.cte95(), 1e-9 * Math.abs(v.cte95()));
        assertEquals(1_000_000, ParquetFiles.rowCount(out.resolve("projection_results.parquet")));
        assertTrue(Files.exists(out.resolve("projection_results.summary.json")));
    }

    @Test
    void esgFeedsTheProjectionAndTheChainEqualsItsParts() {
        PipelineResult chained = runDag("dag_config_esg_projection.json");
        assertEquals(1000, chained.valuation().orElseThrow().scenarioCount());
        assertEquals(50_000, chained.engine("esg").rowsProcessed(), "1000 scenarios x 50 years");
        // The same scenarios written to a file and read back as a data source give the same totals, bit for bit.
        Path scenarios = out.resolve("esg_scenarios.parquet");
        PipelineResult fromFile = Pipeline.builder()
                .policies("policies", EXAMPLES.resolve("data/policies_10000.csv"))
                .engine("esg", "esg", e -> e.config("model", "nested").config("outer_paths", 10)
                        .config("inner_paths_per_outer", 100).config("projection_years", 50).config("seed", 42))
                .output(scenarios, "esg.scenarios").build().run();
        assertTrue(fromFile.success(), fromFile.engines().toString());
        PipelineResult second = Pipeline.builder()
                .policies("policies", EXAMPLES.resolve("data/policies_10000.csv")).scenarios("scenarios", scenarios)
                .engine("projection", "projection", e -> e.input("policies").input("scenarios")
                        .config("mortality_table", EXAMPLES.resolve("data/sample_mortality.csv").toString())
                        .config("lapse_table", EXAMPLES.resolve("data/sample_lapse.csv").toString())
                        .config("expenses", EXAMPLES.resolve("data/sample_expenses.csv").toString()))
                .build().run();
        assertTrue(second.success(), second.engines().toString());
        assertEquals(java.util.Arrays.toString(chained.valuation().orElseThrow().scenarioNpvs()),
                java.util.Arrays.toString(second.valuation().orElseThrow().scenarioNpvs()));
    }

    @Test
    void thePlanOfTheFullPipelineSaysWhatFeedsEachEngineAndWhereTheOutputComesFrom() {
        assertEquals(java.util.List.of(
                "1. esg (esg): no inputs; writes scenarios SCENARIO",
                "2. projection (projection): policies <- policies (per policy chunk), scenarios <- esg.scenarios;"
                        + " writes scenario_totals SCENARIO_TOTAL -> output file",
                "3. solver (solver): scenario_totals <- projection.scenario_totals; writes parameters SOLUTION"),
                Pipeline.fromJson(EXAMPLES.resolve("dag_config_full_pipeline.json")).plan());
        assertEquals(java.util.List.of("1. projection (cpp_projection): policies <- policies (per policy chunk);"
                        + " writes scenario_totals SCENARIO_TOTAL, results RESULT -> output file, streamed"),
                Pipeline.fromJson(EXAMPLES.resolve("dag_config_projection_only.json")).plan());
    }

    @Test
    void fullPipelineFindsTheBreakEvenPremiumRateAndAReRunConfirmsIt() throws IOException {
        PipelineResult r = runDag("dag_config_full_pipeline.json");
        @SuppressWarnings("unchecked")
        Map<String, Object> solution = (Map<String, Object>) r.reports().get("solver");
        assertEquals(Boolean.TRUE, solution.get("converged"), solution.toString());
        assertTrue(((Number) solution.get("evaluations")).intValue() <= 4, solution.toString());
        double rate = ((Number) ((Map<?, ?>) solution.get("parameters")).get("premium_rate")).doubleValue();
        // Independent check: the projection alone at that premium rate has a mean NPV of zero.
        PipelineResult check = PipelineBuilder.fromJson(EXAMPLES.resolve("dag_config_esg_projection.json"))
                .set("projection", "premium_rate", Double.toString(rate)).outputDirectory(out.resolve("check")).build().run();
        double mean = check.valuation().orElseThrow().mean();
        assertTrue(Math.abs(mean) < 1e-3, "mean NPV at the solved premium rate " + rate + ": " + mean);
        JsonNode summary = JSON.readTree(r.summary().orElseThrow().toFile());
        assertEquals(rate, summary.get("engines").get(2).get("report").get("parameters").get("premium_rate").asDouble());
    }

    @Test
    void theJavaFullPipelineEqualsTheJsonOne() {
        PipelineResult code = FullPipeline.run(EXAMPLES, out.resolve("code"));
        PipelineResult json = runDag("dag_config_full_pipeline.json");
        assertEquals(code.engine("solver").status(), EngineRun.Status.SUCCEEDED);
        assertEquals(((Map<?, ?>) code.reports().get("solver")).get("parameters"), ((Map<?, ?>) json.reports().get("solver")).get("parameters"));
    }

    @Test
    void everyDagInTheFolderValidates() throws IOException {
        // the Assumptions Manager example needs `livecalc login` first: validation checks that credentials exist
        CredentialManager loggedIn = CredentialManager.builder()
                .home(out.resolve("home")).environment(Map.of(CredentialManager.ENV_URL, "http://127.0.0.1:8765",
                        CredentialManager.ENV_TOKEN, "token-from-login")).build();
        try (Stream<Path> dags = Files.list(EXAMPLES).filter(p -> p.getFileName().toString().matches("dag_.*\\.json"))) {
            dags.forEach(d -> PipelineBuilder.fromJson(d).outputDirectory(out).credentialManager(loggedIn).build());
        }
    }

    /** README's second `livecalc project` line: the original CLI's assumptions config, run from this folder. */
    @Test
    void theOriginalCliAssumptionsConfigGivesTheOriginalEnginesNumbers() throws IOException {
        Path results = out.resolve("results.json");
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cli = io.livecalc.cli.LiveCalcCommand.commandLine();
        cli.setErr(new java.io.PrintWriter(err, true));
        int exit = cli.execute("project", "--quiet",
                "--policies", EXAMPLES.resolve("data/sample_policies.csv").toString(),
                "--assumptions-config", EXAMPLES.resolve("assumptions.json").toString(), "--output", results.toString());
        assertEquals(0, exit, err.toString());
        JsonNode expected = JSON.readTree(ReferenceData.expected("sample10_gbm1000.json").toFile()).get("statistics");
        JsonNode actual = JSON.readTree(results.toFile()).get("statistics");
        for (String metric : new String[] {"mean_npv", "std_dev", "cte_95"}) {
            assertEquals(expected.get(metric).asDouble(), actual.get(metric).asDouble(), 5e-7, metric);
        }
    }
}
