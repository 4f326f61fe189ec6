package io.livecalc.engines.projection;

import io.livecalc.api.ValuationResult;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValuationJsonTest {

    @TempDir
    Path dir;

    @Test
    void writesTheOriginalCliShapeWithValuesThatReadBackExactly() throws IOException {
        ValuationResult r = Fixtures.sampleAssumptions().policies(Fixtures.SAMPLE_POLICIES).scenariosFile(Fixtures.SAMPLE_SCENARIOS).run();
        Path out = dir.resolve("out.json");
        ValuationJson.write(r, out);
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertEquals(List.of("statistics", "execution_time_ms", "scenario_count", "distribution"),
                iterable(json.fieldNames()));
        assertEquals(List.of("mean_npv", "std_dev", "percentiles", "cte_95"), iterable(json.get("statistics").fieldNames()));
        assertEquals(List.of("p50", "p75", "p90", "p95", "p99"), iterable(json.get("statistics").get("percentiles").fieldNames()));
        assertEquals(3, json.get("scenario_count").asInt());
        assertEquals(r.mean(), json.get("statistics").get("mean_npv").asDouble(), 0.0);
        assertEquals(r.cte95(), json.get("statistics").get("cte_95").asDouble(), 0.0);
        for (int s = 0; s < 3; s++) {
            assertEquals(r.scenarioNpvs()[s], json.get("distribution").get(s).asDouble(), 0.0);
        }
        ReferenceResultsTest.assertMatches(Fixtures.expectedJson("sample10_samplescenarios3.json"), r);
    }

    @Test
    void statisticsFollowTheSpecificationOnASmallSet() {
        ValuationResult r = new ValuationResult(new long[] {0, 1, 2, 3}, new double[] {4, 1, 3, 2}, 0);
        assertEquals(2.5, r.mean());
        assertEquals(Math.sqrt(1.25), r.stdDev());
        assertEquals(2.5, r.p50());
        assertEquals(3.25, r.p75(), 1e-15);
        assertEquals(1.0, r.cte95());
        assertEquals(0.0, new ValuationResult(new long[] {7}, new double[] {5}, 0).stdDev());
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
