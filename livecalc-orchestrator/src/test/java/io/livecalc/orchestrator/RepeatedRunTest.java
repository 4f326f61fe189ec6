package io.livecalc.orchestrator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.engines.ReferenceData;
import org.junit.jupiter.api.Test;

/** One built pipeline run again and again: its buffers are reused, and a result's per-pair view lives until it is closed. */
class RepeatedRunTest {

    /** Per-policy NPVs of the sample policies under scenario 0 of the GBM set (testdata/README.md, the original engine). */
    static final double[] SCENARIO_0 = {140.64820401290248, 1669.3303010912412, 499.78969956831224, 767.42583883671773,
            -1283.1732938053151, -6156.4982718983565, 447.07395301381626, 1957.0553984323244, -1239.6191809847182, 665.04415379933778};

    static Pipeline gbmPipeline() {
        return Pipeline.builder()
                .policies("policies", ReferenceData.upstream("sample_policies.csv"))
                .scenarios("scenarios", ReferenceData.upstream("scenarios_gbm_seed42_n1000.csv"))
                .engine("projection", "projection", e -> e.input("policies").input("scenarios")
                        .config(ReferenceData.sampleAssumptions())
                        .output("results"))
                .build();
    }

    @Test
    void perPairResultsAreReadInPlaceWithTheOriginalEnginesValues() {
        try (PipelineResult r = gbmPipeline().run()) {
            PairResults pairs = r.pairs("projection");
            assertEquals(10 * 1000, pairs.count());
            for (int p = 0; p < 10; p++) {
                long i = p * 1000L; // policy by policy, scenario 0 first
                assertEquals(0, pairs.scenarioId(i));
                assertEquals(p + 1, pairs.policyId(i));
                assertEquals(SCENARIO_0[p], pairs.npv(i), 1e-9 * Math.abs(SCENARIO_0[p]), "policy " + (p + 1));
            }
            double sum = 0;
            for (long i = 0; i < pairs.count(); i++) {
                sum += pairs.npv(i);
            }
            assertEquals(r.valuation("projection").mean() * 1000, sum, 1e-6 * Math.abs(sum), "the pairs add up to the scenario totals");
        }
    }

    @Test
    void aClosedResultsPairsThrowAClearIllegalStateException() {
        PipelineResult r = gbmPipeline().run();
        PairResults pairs = r.pairs("projection");
        double mean = r.valuation("projection").mean();
        r.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pairs.npv(0));
        assertTrue(e.getMessage().startsWith("this PipelineResult is closed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> r.pairs("projection"));
        assertEquals(mean, r.valuation("projection").mean(), "what is on the heap stays readable");
        r.close(); // idempotent
    }

    @Test
    void aRepeatedRunReusesEveryBufferOnceThePreviousResultIsClosed() {
        Pipeline pipeline = gbmPipeline();
        double[] first;
        try (PipelineResult r = pipeline.run()) {
            assertEquals(4, r.buffersAllocated(), r.buffers().toString()); // policies, scenarios, results, scenario totals
            assertEquals(r.buffers().values().stream().mapToLong(Long::longValue).sum(), r.bytesAllocated());
            first = r.valuation("projection").scenarioNpvs();
        }
        for (int run = 0; run < 3; run++) {
            try (PipelineResult r = pipeline.run()) {
                assertEquals(0, r.buffersAllocated(), "run " + run);
                assertEquals(0, r.bytesAllocated());
                assertArrayEquals(first, r.valuation("projection").scenarioNpvs(), "a kept buffer starts from zero like a new one");
                assertEquals(SCENARIO_0[5], r.pairs("projection").npv(5000), 1e-9 * Math.abs(SCENARIO_0[5]));
            }
        }
        try (PipelineResult open = pipeline.run(); PipelineResult second = pipeline.run()) {
            assertEquals(0, open.buffersAllocated());
            assertEquals(4, second.buffersAllocated(), "the first result still holds the kept buffers");
            assertEquals(SCENARIO_0[0], open.pairs("projection").npv(0), 1e-9 * Math.abs(SCENARIO_0[0]));
        }
        pipeline.freeBuffers();
        try (PipelineResult r = pipeline.run()) {
            assertEquals(4, r.buffersAllocated());
        }
    }

    @Test
    void pairsOfAChunkedRunAreRefusedNamingTheRemedy() {
        try (PipelineResult r = Pipeline.builder()
                .policies("policies", ReferenceData.upstream("policies_10000.csv"))
                .scenarios("scenarios", ReferenceData.upstream("sample_scenarios.csv"))
                .engine("projection", "projection", e -> e.input("policies").input("scenarios").config(ReferenceData.sampleAssumptions())
                        .output("results"))
                .chunkPolicies(2048)
                .build().run()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.pairs("projection"));
            assertEquals("engine 'projection': it ran in 5 policy chunks and its buffer holds only the last; write the per-pair results to"
                    + " an output file, or let one chunk hold every policy (chunkPolicies(0) and a memory budget that fits them)", e.getMessage());
        }
    }

    @Test
    void pairsOfAnEngineWithoutPerPairResultsNameTheRemedy() {
        try (PipelineResult r = Pipeline.builder()
                .policies("policies", ReferenceData.upstream("sample_policies.csv"))
                .scenarios("scenarios", ReferenceData.upstream("sample_scenarios.csv"))
                .engine("projection", "projection", e -> e.input("policies").input("scenarios")
                        .config(ReferenceData.sampleAssumptions()))
                .build().run()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.pairs("projection"));
            assertEquals("engine 'projection' kept no per-pair results in this run: ask for its RESULT output (e.g. .output(\"results\"));"
                    + " engines with per-pair results: []", e.getMessage());
        }
    }
}
