package io.livecalc.engines.projection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.livecalc.api.ConfigurationException;
import io.livecalc.buffers.csv.PolicyCsv;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PremiumRateTest {

    @Test
    void premiumRateOneLeavesEveryTotalBitIdenticalAndMeanNpvIsAffineInIt() {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment policies = PolicyCsv.read(Fixtures.SAMPLE_POLICIES, arena);
            double[] absent = valuate(policies, Map.of()).scenarioNpvs();
            assertArrayEquals(absent, valuate(policies, Map.of("premium_rate", 1.0)).scenarioNpvs(), 0.0);
            double m05 = valuate(policies, Map.of("premium_rate", 0.5)).mean();
            double m10 = valuate(policies, Map.of("premium_rate", 1.0)).mean();
            double m15 = valuate(policies, Map.of("premium_rate", 1.5)).mean();
            assertEquals(m15 - m10, m10 - m05, 1e-9 * Math.abs(m10));
        }
    }

    @Test
    void rejectsNonPositivePremiumRate() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new ProjectionEngine().initialize(Fixtures.sampleConfig(Map.of("premium_rate", 0)), null));
        assertEquals("engine 'projection-test': config key 'premium_rate' = 0.0 must be > 0", e.getMessage());
    }

    private static io.livecalc.api.ValuationResult valuate(MemorySegment policies, Map<String, Double> parameters) {
        try (ProjectionEvaluator ev = new ProjectionEvaluator(Fixtures.sampleConfig(Map.of("num_scenarios", 100)), policies, null)) {
            return ev.evaluate(parameters);
        }
    }
}
