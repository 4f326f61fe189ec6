package io.livecalc.engines.projection;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.livecalc.api.EngineConfig;
import io.livecalc.api.ScenarioTotalRecord;
import io.livecalc.engines.ReferenceData;
import io.livecalc.engines.scenario.ScenarioSet;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Shared inputs of the projection tests. */
final class Fixtures {

    static final Path SAMPLE_POLICIES = ReferenceData.upstream("sample_policies.csv");
    static final Path POLICIES_10000 = ReferenceData.upstream("policies_10000.csv");
    static final Path GBM_1000 = ReferenceData.upstream("scenarios_gbm_seed42_n1000.csv");
    static final Path SAMPLE_SCENARIOS = ReferenceData.upstream("sample_scenarios.csv");

    private Fixtures() {
    }

    static Projection.Builder sampleAssumptions() {
        return Projection.builder()
                .mortality(ReferenceData.upstream("sample_mortality.csv").toString())
                .lapse(ReferenceData.upstream("sample_lapse.csv").toString())
                .expenses(ReferenceData.upstream("sample_expenses.csv").toString());
    }

    static EngineConfig sampleConfig(Map<String, Object> extra) {
        Map<String, Object> c = new HashMap<>(Map.of(
                "mortality_table", ReferenceData.upstream("sample_mortality.csv").toString(),
                "lapse_table", ReferenceData.upstream("sample_lapse.csv").toString(),
                "expenses", ReferenceData.upstream("sample_expenses.csv").toString()));
        c.putAll(extra);
        return EngineConfig.of("projection-test", c);
    }

    static JsonNode expectedJson(String name) throws IOException {
        return new ObjectMapper().readTree(ReferenceData.expected(name).toFile());
    }

    /** The first {@code n} policies of policies_10000.csv, as a new file under {@code dir}. */
    static Path firstPolicies(Path dir, int n) throws IOException {
        List<String> lines = Files.readAllLines(POLICIES_10000);
        Path file = dir.resolve("policies_first_" + n + ".csv");
        Files.write(file, lines.subList(0, n + 1));
        return file;
    }

    /** Relative closeness; values the reference printed with 6 decimals also pass within half a unit of the last. */
    static void assertClose(double expected, double actual, double relative, String what) {
        double diff = Math.abs(expected - actual);
        double scale = Math.max(Math.abs(expected), Math.abs(actual));
        assertTrue(diff <= relative * scale || diff <= 5.000001e-7 && relative >= 1e-9,
                () -> what + ": expected " + expected + " got " + actual + " (relative " + diff / scale + ")");
    }

    static double[] totals(MemorySegment seg, int n) {
        double[] out = new double[n];
        for (int s = 0; s < n; s++) {
            out[s] = ScenarioTotalRecord.npv(seg, s);
        }
        return out;
    }

    /** Runs {@code engine} on policies x scenarios with the given optional outputs; returns the totals. */
    static double[] run(ProjectionEngine engine, MemorySegment policies, ScenarioSet scenarios, Arena arena,
                        MemorySegment results, MemorySegment details) {
        MemorySegment totals = arena.allocate(scenarios.count() * ScenarioTotalRecord.SIZE, 16);
        Map<String, MemorySegment> out = new HashMap<>();
        out.put(ProjectionEngine.PORT_SCENARIO_TOTALS, totals);
        if (results != null) {
            out.put(ProjectionEngine.PORT_RESULTS, results);
        }
        if (details != null) {
            out.put(ProjectionEngine.PORT_DETAILS, details);
        }
        engine.runChunk(Map.of(ProjectionEngine.PORT_POLICIES, policies, ProjectionEngine.PORT_SCENARIOS,
                scenarios.toRecords(arena)), out);
        return totals(totals, scenarios.count());
    }
}
