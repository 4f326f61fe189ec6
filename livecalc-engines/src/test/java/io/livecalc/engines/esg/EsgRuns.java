package io.livecalc.engines.esg;

import io.livecalc.api.EngineConfig;
import io.livecalc.api.ExecutionResult;
import io.livecalc.api.ScenarioRecord;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs the ESG engine for tests. */
final class EsgRuns {

    private EsgRuns() {
    }

    static EngineConfig config(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return EngineConfig.of("esg-test", m);
    }

    /** A run's output and result. */
    record Run(MemorySegment records, ExecutionResult result) {
        long count() {
            return records.byteSize() / ScenarioRecord.SIZE;
        }

        double rate(long i) {
            return ScenarioRecord.rate(records, i);
        }
    }

    static Run run(Arena arena, EngineConfig config) {
        return run(arena, config, NormalDraws.preferred());
    }

    static Run run(Arena arena, EngineConfig config, NormalDraws normals) {
        MemorySegment out = arena.allocate(EsgEngine.bytesNeeded(config), 16);
        try (EsgEngine engine = new EsgEngine(normals)) {
            engine.initialize(config, null);
            ExecutionResult r = engine.runChunk(Map.of(), Map.of(EsgEngine.PORT_SCENARIOS, out));
            return new Run(out, r);
        }
    }
}
