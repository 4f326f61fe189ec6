package io.livecalc.engines.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.livecalc.api.PolicyRecord;
import io.livecalc.buffers.csv.PolicyCsv;
import io.livecalc.engines.scenario.ScenarioSet;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The answers of the JMH workloads (livecalc-bench, io.livecalc.bench.projection): speed claims are only
 * worth something for the right numbers. Cross-checked by the general kernel (sensitivity 0), whose
 * totals sum per-policy NPVs in the original engine's order.
 */
class BenchmarkWorkloadTest {

    static final double POLICIES_10000_GBM1000_MEAN = -2.5272920814579096E8;
    static final double SYNTHETIC_1M_GBM1000_MEAN = -5.740363818903571E10;

    private static double mean(double[] totals) {
        double sum = 0;
        for (double t : totals) {
            sum += t;
        }
        return sum / totals.length;
    }

    @Test
    void policies10000UnderTheGbmScenariosHaveTheBenchmarkedMeanInBothKernels() {
        ScenarioSet gbm = ScenarioSet.fromCsv(Fixtures.GBM_1000);
        try (Arena arena = Arena.ofShared(); ProjectionEngine fast = new ProjectionEngine();
             ProjectionEngine general = new ProjectionEngine()) {
            fast.initialize(Fixtures.sampleConfig(Map.of("threads", 2)), null);
            general.initialize(Fixtures.sampleConfig(Map.of("threads", 2, "dynamic_lapse_sensitivity", 0.0)), null);
            MemorySegment policies = PolicyCsv.read(Fixtures.POLICIES_10000, arena);
            double a = mean(Fixtures.run(fast, policies, gbm, arena, null, null));
            double b = mean(Fixtures.run(general, policies, gbm, arena, null, null));
            System.out.println("policies_10000 x gbm1000 mean: fast " + a + " general " + b);
            Fixtures.assertClose(b, a, 1e-12, "kernels");
            assertEquals(POLICIES_10000_GBM1000_MEAN, a, Math.abs(a) * 1e-12);
        }
    }

    @Test
    void millionSyntheticPoliciesHaveTheBenchmarkedMean() {
        ScenarioSet gbm = ScenarioSet.fromCsv(Fixtures.GBM_1000);
        try (Arena arena = Arena.ofShared(); ProjectionEngine fast = new ProjectionEngine()) {
            fast.initialize(Fixtures.sampleConfig(Map.of("threads", 2)), null);
            MemorySegment policies = arena.allocate(1_000_000L * PolicyRecord.SIZE, 16);
            SyntheticPortfolio.write(policies, 1_000_000, 42);
            double a = mean(Fixtures.run(fast, policies, gbm, arena, null, null));
            System.out.println("synthetic 1M x gbm1000 mean: " + a);
            assertEquals(SYNTHETIC_1M_GBM1000_MEAN, a, Math.abs(a) * 1e-12);
        }
    }
}
