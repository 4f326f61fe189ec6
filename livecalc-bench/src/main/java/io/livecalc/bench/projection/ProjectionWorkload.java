package io.livecalc.bench.projection;

import io.livecalc.api.EngineConfig;
import io.livecalc.api.ScenarioTotalRecord;
import io.livecalc.api.testing.TestDataDir;
import io.livecalc.buffers.csv.PolicyCsv;
import io.livecalc.engines.projection.ProjectionEngine;
import io.livecalc.engines.scenario.ScenarioSet;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The benchmark workload: policies_10000.csv (or a synthetic portfolio) x the 1000 GBM scenarios
 * of the original CLI (seed 42), sample assumptions, 2 threads. Data: the repository's
 * {@code testdata/} ({@link TestDataDir}).
 */
public final class ProjectionWorkload {

    public static final int THREADS = 2;

    private ProjectionWorkload() {
    }

    public static Path upstream(String name) {
        return TestDataDir.resolve("upstream-data", name);
    }

    public static MemorySegment policies10000(Arena arena) {
        return PolicyCsv.read(upstream("policies_10000.csv"), arena);
    }

    public static ScenarioSet gbm1000() {
        return ScenarioSet.fromCsv(upstream("scenarios_gbm_seed42_n1000.csv"));
    }

    /** An initialised engine with the sample assumptions, 2 threads and {@code extra} config. */
    public static ProjectionEngine engine(Map<String, Object> extra) {
        Map<String, Object> c = new HashMap<>();
        c.put("mortality_table", upstream("sample_mortality.csv").toString());
        c.put("lapse_table", upstream("sample_lapse.csv").toString());
        c.put("expenses", upstream("sample_expenses.csv").toString());
        c.put("threads", THREADS);
        c.putAll(extra);
        ProjectionEngine engine = new ProjectionEngine();
        engine.initialize(EngineConfig.of("bench", c), null);
        return engine;
    }

    /** Fails unless the totals' mean is {@code expected} to 1e-12 relative: a fast wrong answer is no result. */
    public static void requireMean(double expected, MemorySegment totals, int scenarios) {
        double mean = meanTotal(totals, scenarios);
        if (!(Math.abs(mean - expected) <= 1e-12 * Math.abs(expected))) {
            throw new IllegalStateException("benchmark workload gives mean " + mean + ", expected " + expected);
        }
    }

    /** Mean of the scenario totals written by a run. */
    public static double meanTotal(MemorySegment totals, int scenarios) {
        double sum = 0;
        for (int s = 0; s < scenarios; s++) {
            sum += ScenarioTotalRecord.npv(totals, s);
        }
        return sum / scenarios;
    }
}
