package io.livecalc.engines.projection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.livecalc.api.PolicyRecord;
import io.livecalc.api.ScenarioTotalRecord;
import io.livecalc.buffers.csv.PolicyCsv;
import io.livecalc.engines.scenario.ScenarioSet;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Policy chunks of whole 1024-policy blocks, accumulated in the engine, give the unchunked totals bit for bit. */
class ChunkedTotalsTest {

    @Test
    void accumulatingChunksOfWholeBlocksEqualsOneRunExactly() {
        try (Arena arena = Arena.ofShared(); ProjectionEngine whole = new ProjectionEngine();
             ProjectionEngine chunked = new ProjectionEngine()) {
            whole.initialize(Fixtures.sampleConfig(Map.of("threads", 2)), null);
            chunked.initialize(Fixtures.sampleConfig(Map.of("threads", 2, "accumulate_totals", true)), null);
            MemorySegment policies = PolicyCsv.read(Fixtures.POLICIES_10000, arena);
            ScenarioSet scenarios = ScenarioSet.fromCsv(Fixtures.GBM_1000);
            MemorySegment rates = scenarios.toRecords(arena);
            double[] expected = Fixtures.run(whole, policies, scenarios, arena, null, null);

            MemorySegment totals = arena.allocate(scenarios.count() * ScenarioTotalRecord.SIZE, 16);
            long n = policies.byteSize() / PolicyRecord.SIZE;
            int chunk = 2 * 1024;
            for (long from = 0; from < n; from += chunk) {
                long count = Math.min(chunk, n - from);
                MemorySegment slice = policies.asSlice(from * PolicyRecord.SIZE, count * PolicyRecord.SIZE);
                chunked.runChunk(Map.of(ProjectionEngine.PORT_POLICIES, slice, ProjectionEngine.PORT_SCENARIOS, rates),
                        Map.of(ProjectionEngine.PORT_SCENARIO_TOTALS, totals));
            }
            assertArrayEquals(expected, Fixtures.totals(totals, scenarios.count()));
        }
    }

    @Test
    void outputRecordsCountScenariosAndPairs() {
        try (Arena arena = Arena.ofShared(); ProjectionEngine engine = new ProjectionEngine()) {
            engine.initialize(Fixtures.sampleConfig(Map.of()), null);
            MemorySegment policies = PolicyCsv.read(Fixtures.SAMPLE_POLICIES, arena);
            MemorySegment rates = ScenarioSet.fromCsv(Fixtures.SAMPLE_SCENARIOS).toRecords(arena);
            Map<String, MemorySegment> in = Map.of(ProjectionEngine.PORT_POLICIES, policies, ProjectionEngine.PORT_SCENARIOS, rates);
            assertEquals(OptionalLong.of(3), engine.outputRecords(ProjectionEngine.PORT_SCENARIO_TOTALS, in));
            assertEquals(OptionalLong.of(30), engine.outputRecords(ProjectionEngine.PORT_RESULTS, in));
            assertEquals(OptionalLong.of(1000), engine.outputRecords(ProjectionEngine.PORT_SCENARIO_TOTALS,
                    Map.of(ProjectionEngine.PORT_POLICIES, policies)), "generated GBM scenarios: 1000 by default");
        }
    }
}
