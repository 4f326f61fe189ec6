package io.livecalc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ICalcEngineContractTest {

    /** Doubles every scenario rate: a single-buffer engine. */
    static final class RateDoubler implements ICalcEngine {
        MemorySegment lastInput;
        boolean initialized;

        @Override
        public void initialize(EngineConfig config, AMCredentials credentials) {
            initialized = true;
        }

        @Override
        public EngineInfo getInfo() {
            return new EngineInfo("Rate doubler", "1.0", "test", false, 1 << 20,
                    List.of(PortSpec.required("scenarios", BufferType.SCENARIO, "rates in")),
                    List.of(PortSpec.required("scenarios_out", BufferType.SCENARIO, "rates out")));
        }

        @Override
        public ExecutionResult runChunk(MemorySegment input, MemorySegment output) {
            lastInput = input;
            long n = input.byteSize() / ScenarioRecord.SIZE;
            for (long i = 0; i < n; i++) {
                ScenarioRecord.rate(output, i, 2 * ScenarioRecord.rate(input, i));
            }
            return ExecutionResult.success(0.1, n, n * ScenarioRecord.SIZE);
        }

        @Override
        public void dispose() {
            initialized = false;
        }

        @Override
        public boolean isInitialized() {
            return initialized;
        }
    }

    @Test
    void multiPortDefaultHandsTheSameSegmentToTheSingleBufferForm() {
        try (Arena arena = Arena.ofConfined(); RateDoubler engine = new RateDoubler()) {
            engine.initialize(EngineConfig.of("d", Map.of()), null);
            MemorySegment in = arena.allocate(ScenarioRecord.SIZE * 3, 16);
            MemorySegment out = arena.allocate(ScenarioRecord.SIZE * 3, 16);
            ScenarioRecord.rate(in, 2, 0.03);
            ExecutionResult r = engine.runChunk(Map.of("scenarios", in), Map.of("scenarios_out", out));
            assertSame(in, engine.lastInput);
            assertEquals(0.06, ScenarioRecord.rate(out, 2));
            assertEquals(3, r.rowsProcessed());
            assertTrue(r.success());
        }
    }

    @Test
    void multiPortDefaultRefusesSeveralInputs() {
        RateDoubler engine = new RateDoubler();
        var e = assertThrows(ConfigurationException.class, () -> engine.runChunk(
                Map.of("a", MemorySegment.NULL, "b", MemorySegment.NULL), Map.of("o", MemorySegment.NULL)));
        assertTrue(e.getMessage().startsWith("engine 'Rate doubler' runs one input and one output buffer; given inputs "),
                e.getMessage());
    }

    @Test
    void closeDisposes() {
        RateDoubler engine = new RateDoubler();
        try (engine) {
            engine.initialize(EngineConfig.of("d", Map.of()), null);
            assertTrue(engine.isInitialized());
        }
        assertFalse(engine.isInitialized());
    }

    @Test
    void engineInfoRejectsDuplicatePortsAndFindsPortsByName() {
        EngineInfo info = new RateDoubler().getInfo();
        assertEquals(BufferType.SCENARIO, info.inputPort("scenarios").orElseThrow().bufferType());
        assertTrue(info.outputPort("nope").isEmpty());
        var e = assertThrows(IllegalArgumentException.class, () -> new EngineInfo("x", "1", "t", false, 1,
                List.of(), List.of(PortSpec.optional("o", BufferType.RESULT, ""), PortSpec.optional("o", BufferType.RESULT, ""))));
        assertEquals("engine x declares output port 'o' twice", e.getMessage());
    }

    @Test
    void executionResultKeepsFailuresAndSuccessesApart() {
        assertThrows(IllegalArgumentException.class, () -> new ExecutionResult(true, 1, 1, 1, List.of(), "boom", false));
        assertThrows(IllegalArgumentException.class, () -> new ExecutionResult(false, 1, 1, 1, List.of(), null, false));
        ExecutionResult partial = ExecutionResult.success(5, 10, 80).asPartial("iteration limit 100 reached");
        assertTrue(partial.partial());
        assertEquals(List.of("iteration limit 100 reached"), partial.warnings());
        assertEquals("no such file", ExecutionResult.failure(1, "no such file").errorMessage());
    }

    @Test
    void recordLayoutsHaveTheSettledSizesAndOffsets() {
        assertEquals(32, PolicyRecord.SIZE);
        assertEquals(12, PolicyRecord.OFFSET_TERM);
        assertEquals(16, PolicyRecord.OFFSET_SUM_ASSURED);
        assertEquals(24, PolicyRecord.OFFSET_PREMIUM);
        assertEquals(16, ScenarioRecord.SIZE);
        assertEquals(8, ScenarioRecord.OFFSET_RATE);
        assertEquals(24, ResultRecord.SIZE);
        assertEquals(16, ResultRecord.OFFSET_RESERVED);
        assertEquals(16, ScenarioTotalRecord.SIZE);
        assertEquals(48, ResultDetailRecord.SIZE);
        assertEquals(40, ResultDetailRecord.OFFSET_EXPENSES);
        assertEquals(100_000_000L, BufferType.RESULT.maxRecords());
        assertEquals(10_000_000L, BufferType.INPUT.maxRecords());
    }
}
