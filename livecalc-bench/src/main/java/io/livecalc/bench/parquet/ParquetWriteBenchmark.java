package io.livecalc.bench.parquet;

import io.livecalc.api.BufferType;
import io.livecalc.parquet.ParquetCodec;
import io.livecalc.parquet.ParquetFiles;
import io.livecalc.parquet.ParquetWriteOptions;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
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
 * 1M RESULT records written to a Parquet file with the seed's 8-column result schema (components null),
 * atomically, per codec. Target (issue 4): at most 400 ms warm.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xmx4g"})
public class ParquetWriteBenchmark {

    @Param({"UNCOMPRESSED", "SNAPPY", "ZSTD"})
    public ParquetCodec codec;

    private Arena arena;
    private MemorySegment results;
    private Path file;
    private ParquetWriteOptions options;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Files.createDirectories(ParquetWorkload.dir());
        file = ParquetWorkload.dir().resolve("results-" + codec + ".parquet");
        arena = Arena.ofShared();
        results = ParquetWorkload.results(arena, ParquetWorkload.ROWS);
        options = ParquetWriteOptions.defaults().withCodec(codec);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public Path writeResults() {
        ParquetFiles.write(file, BufferType.RESULT, results, ParquetWorkload.ROWS, options);
        return file;
    }
}
