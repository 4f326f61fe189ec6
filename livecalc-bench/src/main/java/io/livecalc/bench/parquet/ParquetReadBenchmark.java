package io.livecalc.bench.parquet;

import io.livecalc.api.BufferType;
import io.livecalc.buffers.BufferInfo;
import io.livecalc.buffers.BufferManager;
import io.livecalc.parquet.ParquetCodec;
import io.livecalc.parquet.ParquetFiles;
import io.livecalc.parquet.ParquetWriteOptions;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 1M policy rows (8 columns) read from a Parquet file into an INPUT buffer, per codec. Target (issue 4):
 * at most 250 ms warm. The buffer is allocated once and reused, as the orchestrator's chunk loop does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xmx4g"})
public class ParquetReadBenchmark {

    @Param({"UNCOMPRESSED", "SNAPPY", "ZSTD"})
    public ParquetCodec codec;

    private BufferManager manager;
    private BufferInfo buffer;
    private Path file;

    /** Writes the policy file for this codec (kept for the DuckDB comparison) and allocates the buffer. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Files.createDirectories(ParquetWorkload.dir());
        file = ParquetWorkload.dir().resolve("policies-" + codec + ".parquet");
        try (Arena arena = Arena.ofConfined()) {
            ParquetFiles.write(file, BufferType.INPUT, ParquetWorkload.policies(arena, ParquetWorkload.ROWS),
                    ParquetWorkload.ROWS, ParquetWriteOptions.defaults().withCodec(codec));
        }
        manager = new BufferManager();
        buffer = manager.allocate(BufferType.INPUT, "policies", ParquetWorkload.ROWS);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }

    @Benchmark
    public long readPolicies() {
        return ParquetFiles.readPolicies(file, buffer.segment());
    }
}
