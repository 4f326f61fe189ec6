package io.livecalc.bench.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.api.ExecutionResult;
import io.livecalc.api.ScenarioRecord;
import org.junit.jupiter.api.Test;

/** The benchmark's workload gives its answer: Python read the last record of the shared input and wrote the output in place. */
class BridgeWorkloadTest {

    @Test
    void theEngineReadsTheLastInputRecordAndWritesTheFirstOutputRecordInPlace() {
        try (BridgeWorkload w = new BridgeWorkload(8)) {
            ExecutionResult r = w.engine.runChunk(w.input.segment(), w.output.segment());
            assertTrue(r.success());
            assertEquals(8L * 1024 * 1024 / 16, w.records);
            assertEquals(w.records, r.rowsProcessed());
            assertEquals(4242, ScenarioRecord.scenarioId(w.output.segment(), 0));
            assertEquals(50, ScenarioRecord.year(w.output.segment(), 0));
            assertEquals(1.0375, ScenarioRecord.rate(w.output.segment(), 0));
            assertEquals(0.0, ScenarioRecord.rate(w.output.segment(), 1), "nothing else is written");
            assertTrue(w.engine.isInitialized());
        }
    }
}
