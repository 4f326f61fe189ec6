package io.livecalc.engines.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.api.BufferType;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.ExecutionResult;
import io.livecalc.api.ICalcEngine;
import io.livecalc.api.ScenarioRecord;
import io.livecalc.buffers.BufferInfo;
import io.livecalc.buffers.BufferManager;
import io.livecalc.engines.ReferenceData;
import io.livecalc.engines.esg.EsgEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** python_esg: the original nested ESG bit for bit, and Vasicek with the same law as the Java ESG. */
class PythonEsgEngineTest {

    @Test
    void nestedReproducesTheOriginalPythonEsgBitForBit() throws IOException {
        assertReproducesTheOriginal(Map.of("model", "nested", "outer_paths", 10, "inner_paths_per_outer", 100, "projection_years", 50,
                "seed", 42));
    }

    /** The original ESG's own keys, as its DAGs write them (strings): esg_model 'vasicek' is its nested model. */
    @Test
    void theOriginalEsgConfigKeysReproduceTheOriginalBitForBit() throws IOException {
        assertReproducesTheOriginal(Map.of("esg_model", "vasicek", "outer_paths", "10", "inner_paths_per_outer", "100",
                "projection_years", "50", "seed", "42", "assumptions_version", "latest"));
    }

    private static void assertReproducesTheOriginal(Map<String, Object> config) throws IOException {
        List<String> lines = Files.readAllLines(ReferenceData.upstream("esg_vasicek_10x100_seed42.csv"));
        try (BufferManager buffers = new BufferManager(); ICalcEngine esg = new PythonEsgEngineProvider().create()) {
            esg.initialize(EngineConfig.of("esg", config), null);
            long records = esg.outputRecords("scenarios", Map.of()).orElseThrow();
            assertEquals(lines.size() - 1, records);
            BufferInfo out = buffers.allocateShared(BufferType.SCENARIO, "scenarios", records);
            ExecutionResult r = esg.runChunk(Map.of(), Map.of("scenarios", out.segment()));
            assertEquals(records, r.rowsProcessed());
            for (int i = 0; i < records; i++) {
                String[] f = lines.get(i + 1).split(",");
                assertEquals(Long.parseLong(f[0]), ScenarioRecord.scenarioId(out.segment(), i), "row " + i);
                assertEquals(Long.parseLong(f[1]), ScenarioRecord.year(out.segment(), i), "row " + i);
                assertEquals(Double.doubleToRawLongBits(Double.parseDouble(f[2])),
                        Double.doubleToRawLongBits(ScenarioRecord.rate(out.segment(), i)), "row " + i + ": " + lines.get(i + 1));
            }
        }
    }

    /** E[r_10] and Var[r_10] of both ESGs agree with each other and with the closed form, within 4 standard errors. */
    @Test
    void vasicekHasTheSameMomentsAsTheJavaEsg() {
        int n = 20_000;
        Map<String, Object> config = Map.of("model", "vasicek", "num_scenarios", n, "projection_years", 11, "initial_rate", 0.03,
                "mean_reversion", 0.10, "long_term_rate", 0.05, "volatility", 0.01, "seed", 7);
        double[] python = yearEleven(new PythonEsgEngineProvider().create(), config, n);
        double[] java = yearEleven(new EsgEngine(), config, n);
        double mean = 0.04264241, var = 0.00043233;
        double seMean = Math.sqrt(var / n), seVar = var * Math.sqrt(2.0 / (n - 1));
        for (double[] m : List.of(python, java)) {
            assertEquals(mean, m[0], 4 * seMean, "mean of r_10");
            assertEquals(var, m[1], 4 * seVar, "variance of r_10");
        }
        assertEquals(java[0], python[0], 4 * Math.sqrt(2) * seMean);
        assertEquals(java[1], python[1], 4 * Math.sqrt(2) * seVar);
        assertTrue(python[0] != java[0], "independent streams");
    }

    /** Mean and variance of year 11 (the short rate at t = 10). */
    private static double[] yearEleven(ICalcEngine esg, Map<String, Object> config, int n) {
        try (BufferManager buffers = new BufferManager(); esg) {
            esg.initialize(EngineConfig.of("esg", config), null);
            BufferInfo out = buffers.allocateShared(BufferType.SCENARIO, "s", (long) n * 11);
            esg.runChunk(Map.of(), Map.of("scenarios", out.segment()));
            double sum = 0, sq = 0;
            for (int p = 0; p < n; p++) {
                long row = (long) p * 11 + 10;
                assertEquals(11, ScenarioRecord.year(out.segment(), row));
                double r = ScenarioRecord.rate(out.segment(), row);
                sum += r;
                sq += r * r;
            }
            double m = sum / n;
            return new double[] {m, sq / n - m * m};
        }
    }
}
