package io.livecalc.engines.assumptions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.am.AssumptionsManagerException;
import io.livecalc.am.server.ReferenceServer;
import io.livecalc.am.testing.AmFixtures;
import io.livecalc.api.AMCredentials;
import io.livecalc.api.ConfigurationException;
import io.livecalc.api.EngineConfig;
import io.livecalc.engines.ReferenceData;
import io.livecalc.engines.esg.EsgEngine;
import io.livecalc.engines.esg.ZeroCurve;
import io.livecalc.engines.projection.ProjectionEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssumptionResolverTest {

    @TempDir
    Path tmp;
    ReferenceServer server;
    AMCredentials creds;

    @BeforeEach
    void start() {
        server = AmFixtures.server(AmFixtures.tables(tmp.resolve("tables")));
        creds = AmFixtures.login(server, tmp.resolve("cache"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private EngineConfig config(Map<String, Object> values) {
        return EngineConfig.of("proj", values, ReferenceData.upstream(""));
    }

    @Test
    void serviceTablesEqualTheFilesTheyWereMadeFrom() {
        AssumptionSource files = AssumptionSource.files(ReferenceData.upstream(""));
        try (AssumptionResolver am = AssumptionResolver.create(config(Map.of()), creds, null)) {
            assertEquals(files.mortality("sample_mortality.csv"), am.mortality("assumptions://mortality-standard:v1"));
            assertEquals(files.mortality("mortality_demo.csv"), am.mortality("assumptions://mortality-standard:latest"));
            assertEquals(files.lapse("sample_lapse.csv"), am.lapse("assumptions://lapse-standard:v1"));
            assertEquals(files.expenses("sample_expenses.csv"), am.expenses("assumptions://expenses-standard:v1"));
            assertEquals(files.expenses("expenses_demo.json"), am.expenses("assumptions://expenses-standard:v2"));
            assertEquals(files.lapse("sample_lapse.csv"), am.lapse("local://sample_lapse.csv"));
            ZeroCurve c = am.zeroCurve("assumptions://yield-curve:v1");
            assertArrayEquals(new double[] {1, 5, 10, 30}, c.maturities());
            assertArrayEquals(new double[] {0.03, 0.034, 0.037, 0.04}, c.rates());
            List<Map<String, Object>> r = am.resolutions();
            assertEquals(7, r.size());
            assertEquals("v2", r.get(1).get("resolved_version"));
            assertEquals("latest", r.get(1).get("requested_version"));
            assertEquals(242, r.get(0).get("rows_loaded"));
            assertEquals(ReferenceData.upstream("sample_lapse.csv").toString(), r.get(5).get("path"));
        }
    }

    @Test
    void wrongShapesNameTheTableAndBothSizes() {
        try (AssumptionResolver am = AssumptionResolver.create(config(Map.of()), creds, null)) {
            var e = assertThrows(AssumptionsManagerException.class, () -> am.mortality("assumptions://lapse-standard:v1"));
            assertTrue(e.getMessage().contains("mortality table 'lapse-standard' version 'v1' has 50 values (50 rows x 1)"), e.getMessage());
            assertTrue(e.getMessage().contains("needs 242"), e.getMessage());
            var c = assertThrows(AssumptionsManagerException.class, () -> am.zeroCurve("assumptions://expenses-standard:v1"));
            assertTrue(c.getMessage().contains("yield curve table 'expenses-standard' version 'v1' has 4 rows x 1 columns"), c.getMessage());
        }
    }

    @Test
    void credentialsAreDemandedOnlyForServiceTables() throws Exception {
        Map<String, Object> files = Map.of("mortality_table", "sample_mortality.csv", "lapse_table", "local://sample_lapse.csv",
                "expenses", "sample_expenses.csv", "num_scenarios", 10, "threads", 1);
        try (ProjectionEngine e = new ProjectionEngine()) {
            e.initialize(config(files), null);
            assertEquals(3, ((List<?>) e.report().get("assumptions")).size());
        }
        Map<String, Object> am = new java.util.HashMap<>(files);
        am.put("mortality_table", "assumptions://mortality-standard:v1");
        try (ProjectionEngine e = new ProjectionEngine()) {
            var x = assertThrows(ConfigurationException.class, () -> e.initialize(config(am), null));
            assertTrue(x.getMessage().contains("engine 'proj' (assumptions://mortality-standard:v1) needs Assumptions Manager credentials"),
                    x.getMessage());
            e.initialize(config(am), creds);
            assertTrue(e.isInitialized());
        }
    }

    @Test
    void hullWhiteReadsItsCurveFromTheService() throws Exception {
        Path curveFile = tmp.resolve("curve.csv");
        Files.writeString(curveFile, AmFixtures.CURVE_CSV);
        Map<String, Object> base = Map.of("model", "hull_white", "num_scenarios", 5, "projection_years", 10, "threads", 1);
        long fromFile;
        long fromService;
        try (EsgEngine file = new EsgEngine(); EsgEngine service = new EsgEngine()) {
            Map<String, Object> f = new java.util.HashMap<>(base);
            f.put("curve", curveFile.toString());
            file.initialize(EngineConfig.of("esg", f), null);
            Map<String, Object> s = new java.util.HashMap<>(base);
            s.put("curve", "assumptions://yield-curve:latest");
            service.initialize(EngineConfig.of("esg", s), creds);
            fromFile = run(file);
            fromService = run(service);
            var resolved = (List<?>) service.report().get("assumptions");
            assertEquals("v1", ((Map<?, ?>) resolved.get(0)).get("resolved_version"));
        }
        assertEquals(fromFile, fromService, "the same curve gives the same paths");
    }

    /** A hash of the generated scenario bytes. */
    private static long run(EsgEngine e) {
        try (var arena = java.lang.foreign.Arena.ofConfined()) {
            var out = arena.allocate(5L * 10 * 16, 16);
            e.runChunk(java.lang.foreign.MemorySegment.NULL, out);
            return java.util.Arrays.hashCode(out.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
        }
    }
}
