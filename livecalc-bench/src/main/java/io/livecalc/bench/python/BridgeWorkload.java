package io.livecalc.bench.python;

import io.livecalc.api.BufferType;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.ScenarioRecord;
import io.livecalc.buffers.BufferInfo;
import io.livecalc.buffers.BufferManager;
import io.livecalc.engines.python.PythonEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Python bridge workload: a Python engine whose {@code runChunk} reads the last SCENARIO record of its
 * input and writes the first record of its output (constant work whatever the buffer size), over shared
 * buffers of {@code megabytes} each. A round trip that costs the same for 8 MB and 800 MB proves that no
 * byte of the buffers is copied or serialised.
 */
public final class BridgeWorkload implements AutoCloseable {

    /** The engine, written against the seed's interface. */
    static final String ENGINE = """
            from calc_engine_interface import EngineInfo, ICalcEngine

            class LastToFirst(ICalcEngine):
                def initialize(self, config, credentials=None):
                    self.ok = True
                def get_info(self):
                    return EngineInfo("last-to-first", "1", "custom")
                def runChunk(self, input_buffer, output_buffer):
                    last = input_buffer[-1]
                    output_buffer[0] = (last["scenario_id"], last["year"], last["rate"] + 1.0)
                    return {"rows_processed": len(input_buffer), "bytes_written": 16}
                def dispose(self):
                    self.ok = False
                @property
                def is_initialized(self):
                    return self.ok
            """;

    public final long records;
    public final BufferInfo input;
    public final BufferInfo output;
    public final PythonEngine engine = new PythonEngine();
    private final BufferManager buffers = new BufferManager();
    private final Path dir;

    public BridgeWorkload(int megabytes) {
        records = megabytes * (1L << 20) / ScenarioRecord.SIZE;
        try {
            dir = Files.createTempDirectory("livecalc-bench-python");
            Files.writeString(dir.resolve("bench_engine.py"), ENGINE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        input = buffers.allocateShared(BufferType.SCENARIO, "input", records);
        output = buffers.allocateShared(BufferType.SCENARIO, "output", records);
        ScenarioRecord.scenarioId(input.segment(), records - 1, 4242);
        ScenarioRecord.year(input.segment(), records - 1, 50);
        ScenarioRecord.rate(input.segment(), records - 1, 0.0375);
        engine.initialize(EngineConfig.of("bench", Map.of("python.script", dir.resolve("bench_engine.py").toString(),
                "python.class", "LastToFirst", "python.input_port", "scenarios", "python.output_port", "scenarios")), null);
    }

    @Override
    public void close() {
        engine.dispose();
        buffers.close();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temporary folder
        }
    }
}
