package io.livecalc.orchestrator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livecalc.am.AssumptionsManagerAuth;
import io.livecalc.am.server.ReferenceServer;
import io.livecalc.am.testing.AmFixtures;
import io.livecalc.am.testing.LogLines;
import io.livecalc.api.AMCredentials;
import io.livecalc.engines.ReferenceData;
import io.livecalc.orchestrator.credentials.CredentialManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pipelines whose projection reads assumptions:// tables from the reference Assumptions Manager on loopback. */
class AssumptionsManagerPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    Path tables;
    ReferenceServer server;
    AMCredentials creds;

    @BeforeEach
    void start() {
        tables = AmFixtures.tables(tmp.resolve("tables"));
        server = AmFixtures.server(tables);
        creds = AmFixtures.login(server, tmp.resolve("cache"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private PipelineBuilder projection(String mortality, String lapse, String expenses, String out) {
        return Pipeline.builder()
                .policies("policies", ReferenceData.upstream("sample_policies.csv"))
                .scenarios("scenarios", ReferenceData.upstream("sample_scenarios.csv"))
                .engine("projection", "projection", e -> e.input("policies").input("scenarios")
                        .config("mortality_table", mortality).config("lapse_table", lapse).config("expenses", expenses))
                .output(tmp.resolve(out), "projection.scenario_totals");
    }

    private PipelineResult fileRun(String mortality) {
        return projection(ReferenceData.upstream(mortality).toString(), ReferenceData.upstream("sample_lapse.csv").toString(),
                ReferenceData.upstream("sample_expenses.csv").toString(), "files-" + mortality + ".parquet").build().run();
    }

    private static List<JsonNode> resolved(PipelineResult r) throws Exception {
        JsonNode summary = JSON.readTree(r.summary().orElseThrow().toFile());
        for (JsonNode e : summary.get("engines")) {
            if (e.get("id").asText().equals("projection") || e.path("engine_id").asText().equals("projection")) {
                List<JsonNode> out = new java.util.ArrayList<>();
                e.path("report").path("assumptions").forEach(out::add);
                return out;
            }
        }
        throw new AssertionError("no projection in " + summary);
    }

    @Test
    void serviceTablesGiveTheNumbersOfTheFilesAndTheSummaryNamesTheirVersions() throws Exception {
        PipelineResult files = fileRun("sample_mortality.csv");
        PipelineResult am = projection("assumptions://mortality-standard:v1", "assumptions://lapse-standard:v1",
                "assumptions://expenses-standard:v1", "am.parquet").credentials(creds).build().run();
        assertTrue(am.success(), am.engines().toString());
        assertArrayEquals(files.valuation().orElseThrow().scenarioNpvs(), am.valuation().orElseThrow().scenarioNpvs());
        List<JsonNode> r = resolved(am);
        assertEquals(3, r.size());
        assertEquals("mortality-standard", r.get(0).get("name").asText());
        assertEquals("v1", r.get(0).get("resolved_version").asText());
        assertEquals(242, r.get(0).get("rows_loaded").asInt());
        assertFalse(r.get(0).get("cache_hit").asBoolean());

        PipelineResult again = projection("assumptions://mortality-standard:v1", "assumptions://lapse-standard:v1",
                "assumptions://expenses-standard:v1", "am2.parquet").credentials(creds).build().run();
        assertTrue(resolved(again).get(0).get("cache_hit").asBoolean(), "the second run reads the disk cache");
        assertArrayEquals(files.valuation().orElseThrow().scenarioNpvs(), again.valuation().orElseThrow().scenarioNpvs());
    }

    @Test
    void theRunReportListsEveryTableWithTheVersionItResolvedTo() throws Exception {
        PipelineResult r = projection("assumptions://mortality-standard:latest", "assumptions://lapse-standard:v1",
                "assumptions://expenses-standard:v1", "report.parquet").credentials(creds).build().run();
        assertTrue(r.success(), r.engines().toString());
        String html = io.livecalc.orchestrator.report.RunReport.render(r.summaryJson());
        long rows = resolved(r).get(0).get("rows_loaded").asLong();
        assertTrue(html.contains("<tr><td>projection</td><td><code>assumptions://mortality-standard:latest</code></td><td>mortality-standard</td>"
                + "<td>latest</td><td><b>v2</b></td><td class=\"r\"><span class=\"num\" data-key=\"/engines/0/report/assumptions/0/rows_loaded\" "
                + "data-value=\"" + rows + "\">" + String.format(java.util.Locale.ROOT, "%,d", rows) + "</span></td>"), html);
        assertTrue(html.contains("<td><code>assumptions://lapse-standard:v1</code></td><td>lapse-standard</td><td>v1</td><td><b>v1</b></td>"));
        assertTrue(html.contains("<td><code>assumptions://expenses-standard:v1</code></td><td>expenses-standard</td><td>v1</td><td><b>v1</b></td>"));
    }

    @Test
    void latestMovesBetweenTwoRuns() throws Exception {
        PipelineResult first = projection("assumptions://mortality-standard:latest", "assumptions://lapse-standard:v1",
                "assumptions://expenses-standard:v1", "first.parquet").credentials(creds).build().run();
        assertEquals("v2", resolved(first).get(0).get("resolved_version").asText());
        assertArrayEquals(fileRun("mortality_demo.csv").valuation().orElseThrow().scenarioNpvs(), first.valuation().orElseThrow().scenarioNpvs());

        AmFixtures.addVersion(tables, "mortality-standard", "v3", ReferenceData.upstream("sample_mortality.csv"));
        PipelineResult second = projection("assumptions://mortality-standard:latest", "assumptions://lapse-standard:v1",
                "assumptions://expenses-standard:v1", "second.parquet").credentials(creds).build().run();
        assertEquals("v3", resolved(second).get(0).get("resolved_version").asText());
        assertEquals("latest", resolved(second).get(0).get("requested_version").asText());
        assertArrayEquals(fileRun("sample_mortality.csv").valuation().orElseThrow().scenarioNpvs(), second.valuation().orElseThrow().scenarioNpvs());
    }

    @Test
    void anExpiredTokenIsRefreshedThroughTheCredentialManagerAndNeverLogged() throws Exception {
        String expired = server.issueToken(AmFixtures.USER, Duration.ofSeconds(-30));
        try (AssumptionsManagerAuth auth = new AssumptionsManagerAuth(); LogLines logs = LogLines.install()) {
            CredentialManager manager = CredentialManager.builder().environment(Map.of()).home(tmp.resolve("home"))
                    .explicit(new AMCredentials(creds.url(), expired, creds.cacheDir())).refresher(auth::refresh).build();
            PipelineResult r = projection("assumptions://mortality-standard:v1", "assumptions://lapse-standard:v1",
                    "assumptions://expenses-standard:v1", "refreshed.parquet").credentialManager(manager).build().run();
            assertTrue(r.success(), r.engines().toString());
            String fresh = manager.credentials().orElseThrow().token();
            assertNotEquals(expired, fresh);
            assertEquals(1, logs.events("credentials_refreshed").size());
            assertEquals(3, logs.events("assumption_resolved").size());
            String summary = Files.readString(r.summary().orElseThrow());
            for (String token : List.of(expired, fresh, creds.token())) {
                for (String line : logs.lines()) {
                    assertFalse(line.contains(token), line);
                }
                assertFalse(summary.contains(token), summary);
            }
            assertTrue(logs.lines().stream().anyMatch(l -> l.contains(AMCredentials.mask(fresh))));
        }
    }

    @Test
    void aRunWithoutServiceTablesNeverDemandsCredentials() {
        CredentialManager broken = CredentialManager.builder().home(tmp.resolve("home"))
                .environment(Map.of(CredentialManager.ENV_URL, "https://am.example.com")).build();
        PipelineResult r = projection(ReferenceData.upstream("sample_mortality.csv").toString(),
                ReferenceData.upstream("sample_lapse.csv").toString(), ReferenceData.upstream("sample_expenses.csv").toString(),
                "plain.parquet").credentialManager(broken).build().run();
        assertTrue(r.success(), r.engines().toString());

        // a service table without usable credentials is refused by validation, before any engine starts
        DagValidationException needs = org.junit.jupiter.api.Assertions.assertThrows(DagValidationException.class, () -> projection(
                "assumptions://mortality-standard:v1", ReferenceData.upstream("sample_lapse.csv").toString(),
                ReferenceData.upstream("sample_expenses.csv").toString(), "needs.parquet").credentialManager(broken).build());
        String error = needs.getMessage();
        assertTrue(error.contains("config key 'mortality_table' = \"assumptions://mortality-standard:v1\" needs Assumptions Manager"
                + " credentials") && error.contains("LIVECALC_AM_TOKEN"), error);
    }

    @Test
    void serviceErrorsFailTheEngineWithTheirMessages() {
        PipelineResult missing = projection("assumptions://mortality-standard:v9", "assumptions://lapse-standard:v1",
                "assumptions://expenses-standard:v1", "missing.parquet").credentials(creds).build().run();
        assertFalse(missing.success());
        assertTrue(missing.engine("projection").error().contains("Table 'mortality-standard' version 'v9' does not exist"),
                missing.engine("projection").error());
        PipelineResult wrong = projection("assumptions://lapse-standard:v1", "assumptions://lapse-standard:v1",
                "assumptions://expenses-standard:v1", "wrong.parquet").credentials(creds).build().run();
        assertTrue(wrong.engine("projection").error().contains("mortality table 'lapse-standard' version 'v1' has 50 values"),
                wrong.engine("projection").error());
    }
}
