package io.livecalc.engines.projection;

import io.livecalc.engines.projection.internal.LaneMath;
import io.livecalc.engines.projection.internal.LaneMathProvider;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.api.EngineExecutionException;
import io.livecalc.api.ResultDetailRecord;
import io.livecalc.api.ResultRecord;
import io.livecalc.buffers.csv.PolicyCsv;
import io.livecalc.engines.scenario.ScenarioSet;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scalar == SIMD, thread-count invariance, agreement of the two kernels, detail output, interruption. */
class KernelInvarianceTest {

    static ScenarioSet gbm;

    @TempDir
    static Path tmp;
    static Path policies3000;

    @BeforeAll
    static void load() throws Exception {
        gbm = ScenarioSet.fromCsv(Fixtures.GBM_1000);
        policies3000 = Fixtures.firstPolicies(tmp, 3000);
    }

    private static double[] totals(LaneMath math, int threads, Map<String, Object> extra, Path policyFile,
                                   MemorySegment results) {
        java.util.HashMap<String, Object> c = new java.util.HashMap<>(extra);
        c.put("threads", threads);
        try (Arena arena = Arena.ofShared(); ProjectionEngine engine = new ProjectionEngine(null, null, math)) {
            engine.initialize(Fixtures.sampleConfig(c), null);
            return Fixtures.run(engine, PolicyCsv.read(policyFile, arena), gbm, arena, results, null);
        }
    }

    @Test
    void totalsAreBitIdenticalFor1And2And8ThreadsInBothKernels() {
        for (Map<String, Object> extra : java.util.List.<Map<String, Object>>of(Map.of(),
                Map.of("dynamic_lapse_sensitivity", 2.0, "dynamic_lapse_reference_rate", 0.04))) {
            double[] one = totals(LaneMathProvider.preferred(), 1, extra, policies3000, null);
            assertArrayEquals(one, totals(LaneMathProvider.preferred(), 2, extra, policies3000, null), 0.0, extra.toString());
            assertArrayEquals(one, totals(LaneMathProvider.preferred(), 8, extra, policies3000, null), 0.0, extra.toString());
        }
    }

    @Test
    void scalarAndSimdGiveBitIdenticalTotalsAndResultsInBothKernels() {
        LaneMath simd = LaneMathProvider.vector();
        for (Map<String, Object> extra : java.util.List.<Map<String, Object>>of(Map.of(),
                Map.of("dynamic_lapse_sensitivity", 2.0, "dynamic_lapse_reference_rate", 0.04))) {
            try (Arena arena = Arena.ofShared()) {
                long bytes = 3000L * gbm.count() * ResultRecord.SIZE;
                MemorySegment rs = arena.allocate(bytes, 16);
                MemorySegment rv = arena.allocate(bytes, 16);
                double[] scalar = totals(LaneMathProvider.scalar(), 2, extra, policies3000, rs);
                double[] vector = totals(simd, 2, extra, policies3000, rv);
                assertArrayEquals(scalar, vector, 0.0);
                assertEquals(-1L, rs.mismatch(rv), "RESULT bytes differ");
            }
        }
    }

    @Test
    void kernelsGiveIdenticalPerPairNpvsAndTotalsWithinRoundingWhenSensitivityIsZero() {
        try (Arena arena = Arena.ofShared()) {
            long bytes = 3000L * gbm.count() * ResultRecord.SIZE;
            MemorySegment fast = arena.allocate(bytes, 16);
            MemorySegment general = arena.allocate(bytes, 16);
            double[] a = totals(LaneMathProvider.preferred(), 2, Map.of(), policies3000, fast);
            double[] b = totals(LaneMathProvider.preferred(), 2, Map.of("dynamic_lapse_sensitivity", 0.0), policies3000, general);
            assertEquals(-1L, fast.mismatch(general), "per-pair RESULT records differ between kernels");
            for (int s = 0; s < a.length; s++) {
                Fixtures.assertClose(a[s], b[s], 1e-13, "scenario " + s);
            }
        }
    }

    @Test
    void dynamicLapseChangesTheValuationAndRisingRatesRaiseLapses() {
        double[] base = totals(LaneMathProvider.preferred(), 2, Map.of(), Fixtures.SAMPLE_POLICIES, null);
        double[] dyn = totals(LaneMathProvider.preferred(), 2, Map.of("dynamic_lapse_sensitivity", 5.0,
                "dynamic_lapse_reference_rate", 0.0), Fixtures.SAMPLE_POLICIES, null);
        for (int s = 0; s < base.length; s++) {
            assertTrue(base[s] != dyn[s], "scenario " + s);
        }
    }

    @Test
    void detailComponentsAddUpToTheNpvOfEachPair() {
        try (Arena arena = Arena.ofShared(); ProjectionEngine engine = new ProjectionEngine()) {
            engine.initialize(Fixtures.sampleConfig(Map.of("threads", 2)), null);
            MemorySegment policies = PolicyCsv.read(Fixtures.SAMPLE_POLICIES, arena);
            MemorySegment details = arena.allocate(10L * gbm.count() * ResultDetailRecord.SIZE, 16);
            MemorySegment results = arena.allocate(10L * gbm.count() * ResultRecord.SIZE, 16);
            Fixtures.run(engine, policies, gbm, arena, results, details);
            for (long i = 0; i < 10L * gbm.count(); i++) {
                double npv = ResultDetailRecord.npv(details, i);
                assertEquals(ResultRecord.npv(results, i), npv, 0.0);
                double sum = ResultDetailRecord.premiumIncome(details, i) - ResultDetailRecord.deathBenefits(details, i)
                        - ResultDetailRecord.surrenderBenefits(details, i) - ResultDetailRecord.expenses(details, i);
                assertEquals(npv, sum, 1e-9 * ResultDetailRecord.premiumIncome(details, i), "pair " + i);
            }
            assertEquals(ReferenceResultsTest.SAMPLE_NPVS_SCENARIO0[3], ResultDetailRecord.npv(details, 3L * gbm.count()), 1e-9);
        }
    }

    @Test
    void stopsPromptlyWhenTheCallingThreadIsInterrupted() {
        try (Arena arena = Arena.ofShared(); ProjectionEngine engine = new ProjectionEngine()) {
            engine.initialize(Fixtures.sampleConfig(Map.of("threads", 2, "dynamic_lapse_sensitivity", 1.0)), null);
            MemorySegment policies = PolicyCsv.read(Fixtures.POLICIES_10000, arena);
            Thread.currentThread().interrupt();
            long start = System.nanoTime();
            EngineExecutionException e = assertThrows(EngineExecutionException.class,
                    () -> Fixtures.run(engine, policies, gbm, arena, null, null));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(Thread.interrupted(), "interrupt status kept");
            assertTrue(e.isTransient());
            assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
            assertTrue(ms < 200, "stopped after " + ms + " ms");
        }
    }
}
