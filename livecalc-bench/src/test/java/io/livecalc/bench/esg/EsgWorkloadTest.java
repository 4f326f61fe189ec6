package io.livecalc.bench.esg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.engines.solver.SolverResult;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.junit.jupiter.api.Test;

/** The ESG benchmarks' workloads give their pinned answers, whatever the thread count. */
class EsgWorkloadTest {

    @Test
    void benchmarkWorkloadsProduceThePinnedRateSums() {
        for (int threads : new int[] {1, 2}) {
            EsgBenchmark bench = new EsgBenchmark();
            bench.threads = threads;
            bench.setUp(); // runs both workloads and checks their sums bit for bit
            bench.tearDown();
        }
        try (Arena arena = Arena.ofShared()) {
            MemorySegment out = EsgWorkload.output(arena, EsgWorkload.nested(2));
            EsgWorkload.engine(EsgWorkload.nested(2)).runChunk(MemorySegment.NULL, out);
            assertEquals(500_000, out.byteSize() / 16);
            assertEquals(EsgBenchmark.NESTED_RATE_SUM, EsgWorkload.rateSum(out), 0.0);
        }
    }

    @Test
    void solverBenchmarkFindsThePinnedPremiumRateInFourEvaluations() {
        SolverBenchmark bench = new SolverBenchmark();
        bench.setUp();
        try {
            assertEquals(SolverBenchmark.EXPECTED_PREMIUM_RATE, bench.solvePremiumRateForZeroMeanNpv(), 0.0);
            SolverResult r = bench.lastResult();
            assertTrue(r.converged(), r.message());
            assertEquals(4, r.evaluations());
            assertEquals(0.0, r.objective(), 1.0, "mean NPV at the solution");
        } finally {
            bench.tearDown();
        }
    }
}
