package io.livecalc.bench.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.orchestrator.PipelineResult;
import org.junit.jupiter.api.Test;

/** The overhead benchmark's workload: every policy counted exactly once, in the number of chunks asked for. */
class PipelineOverheadBenchmarkTest {

    @Test
    void everyPolicyIsCountedOnceWhateverTheChunking() throws Exception {
        for (int chunks : new int[] {1, 1024}) {
            PipelineOverheadBenchmark b = new PipelineOverheadBenchmark();
            b.chunks = chunks;
            b.setUp();
            try {
                PipelineResult r = b.run();
                assertTrue(r.success(), r.engines().toString());
                assertEquals(chunks, r.engine("noop").chunks());
                assertEquals(PipelineOverheadBenchmark.POLICIES, r.engine("noop").rowsProcessed());
                assertEquals(PipelineOverheadBenchmark.POLICIES, r.valuation().orElseThrow().mean());
            } finally {
                b.tearDown();
            }
        }
    }
}
