package io.livecalc.bench.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.orchestrator.PipelineResult;
import org.junit.jupiter.api.Test;

/** The benchmark's workload values as the original engine did, and allocates no buffer after its first run. */
class RepeatedRunBenchmarkTest {

    private static void check(String chain, int buffersOfTheFirstRun) {
        RepeatedRunBenchmark b = new RepeatedRunBenchmark();
        b.chain = chain;
        b.setUp();
        try {
            try (PipelineResult first = b.pipeline.run()) {
                assertEquals(buffersOfTheFirstRun, first.buffersAllocated(), first.buffers().toString());
            }
            for (int run = 0; run < 3; run++) {
                assertEquals(RepeatedRunBenchmark.EXPECTED_MEAN, b.repeatedRun(), 1e-9 * Math.abs(RepeatedRunBenchmark.EXPECTED_MEAN));
                try (PipelineResult r = b.pipeline.run()) {
                    assertEquals(0, r.buffersAllocated(), "run " + run);
                    assertEquals(0, r.bytesAllocated());
                    assertTrue(r.success());
                }
            }
        } finally {
            b.tearDown();
        }
    }

    @Test
    void theProjectionRerunsInTheSameFourBuffers() {
        check("projection", 3); // policies, scenarios, scenario totals
    }

    @Test
    void theSolverChainRerunsInTheSameBuffersEvaluationsIncluded() {
        check("solver", 5); // + the solution and the evaluations' scenario totals
    }
}
