package io.livecalc.engines.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.api.BufferType;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.ExecutionResult;
import io.livecalc.api.ICalcEngine;
import io.livecalc.api.ScenarioRecord;
import io.livecalc.buffers.BufferInfo;
import io.livecalc.buffers.BufferManager;
import io.livecalc.engines.ReferenceData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The original system's Python ESG class itself (test resources original/python-esg, copied unchanged) runs as
 * engine type {@code python} with its own config keys only: no key says how many records it writes.
 */
class OriginalPythonEsgTest {

    private static final Path ORIGINAL = Path.of("src/test/resources/original/python-esg").toAbsolutePath();

    @Test
    void theOriginalEsgClassRunsWithItsOwnConfigAndWritesTheOriginalsScenariosToTheirFloat32Bit() throws IOException {
        Map<String, Object> config = new LinkedHashMap<>(Map.of("python.path", ORIGINAL.toString(), "python.module", "src.esg_engine",
                "python.class", "PythonESGEngine"));
        // the original's own keys, as its DAGs write them
        config.putAll(Map.of("esg_model", "vasicek", "outer_paths", 10, "inner_paths_per_outer", 100, "projection_years", 50, "seed", 42));
        List<String> lines = Files.readAllLines(ReferenceData.upstream("esg_vasicek_10x100_seed42.csv"));
        try (BufferManager buffers = new BufferManager(); ICalcEngine esg = new PythonEngineProvider().create()) {
            esg.initialize(EngineConfig.of("esg", config), null);
            long records = esg.outputRecords("scenarios", Map.of()).orElseThrow();
            assertEquals(10L * 100 * 50, records, "read from the original's own shape check");
            BufferInfo out = buffers.allocateShared(BufferType.SCENARIO, "scenarios", records);
            ExecutionResult r = esg.runChunk(Map.of(), Map.of("scenarios", out.segment()));
            assertTrue(r.success(), r.toString());
            assertEquals(lines.size() - 1, records);
            for (int i = 0; i < records; i++) {
                String[] f = lines.get(i + 1).split(",");
                assertEquals(Long.parseLong(f[0]), ScenarioRecord.scenarioId(out.segment(), i), "row " + i);
                assertEquals(Long.parseLong(f[1]), ScenarioRecord.year(out.segment(), i), "row " + i);
                // the original stores float32 rates; its class writes its float64 rate into this record's f8 field unrounded
                assertEquals(Float.floatToRawIntBits((float) Double.parseDouble(f[2])),
                        Float.floatToRawIntBits((float) ScenarioRecord.rate(out.segment(), i)), "row " + i + ": " + lines.get(i + 1));
            }
        }
    }
}
