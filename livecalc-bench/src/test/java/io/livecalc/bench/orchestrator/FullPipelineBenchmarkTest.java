package io.livecalc.bench.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.orchestrator.PipelineResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's workload converges to the same break-even premium rate every run. */
class FullPipelineBenchmarkTest {

    @Test
    void solvesTheBreakEvenPremiumRateInFourEvaluations() throws Exception {
        FullPipelineBenchmark b = new FullPipelineBenchmark();
        b.setUp();
        PipelineResult first = b.fullPipeline();
        PipelineResult second = b.fullPipeline();
        assertTrue(first.success(), first.engines().toString());
        Map<?, ?> solution = (Map<?, ?>) first.reports().get("solver");
        assertEquals(Boolean.TRUE, solution.get("converged"));
        assertEquals(4, ((Number) solution.get("evaluations")).intValue());
        double rate = ((Number) ((Map<?, ?>) solution.get("parameters")).get("premium_rate")).doubleValue();
        assertEquals(2.7799576, rate, 1e-6); // ESG ziggurat draws (AS241 draws gave 2.7787747)
        Map<?, ?> again = (Map<?, ?>) second.reports().get("solver");
        assertEquals(solution.get("parameters"), again.get("parameters"), "repeated runs give the same solve");
        assertEquals(solution.get("objective"), again.get("objective"));
    }
}
