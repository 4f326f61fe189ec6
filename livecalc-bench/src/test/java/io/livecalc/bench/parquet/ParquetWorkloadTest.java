package io.livecalc.bench.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.livecalc.api.BufferType;
import io.livecalc.api.ResultRecord;
import io.livecalc.parquet.ParquetCodec;
import io.livecalc.parquet.ParquetFiles;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmarks' workloads give the right answer: what they write reads back identically, with pinned sums. */
class ParquetWorkloadTest {

    @TempDir
    Path dir;

    @Test
    void readBenchmarkReadsTheMillionPoliciesItWrote() throws Exception {
        System.setProperty("livecalc.bench.dir", dir.toString());
        ParquetReadBenchmark bench = new ParquetReadBenchmark();
        bench.codec = ParquetCodec.ZSTD;
        bench.setUp();
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(1_000_000, bench.readPolicies());
            MemorySegment expected = ParquetWorkload.policies(arena, ParquetWorkload.ROWS);
            MemorySegment read = arena.allocate(expected.byteSize());
            ParquetFiles.readPolicies(dir.resolve("policies-ZSTD.parquet"), read);
            assertEquals(-1, expected.mismatch(read));
            assertEquals(5.24930338046147E11, ParquetWorkload.checksum(read, ParquetWorkload.ROWS));
        } finally {
            bench.tearDown();
            System.clearProperty("livecalc.bench.dir");
        }
    }

    @Test
    void writeBenchmarkWritesAMillionResultsThatReadBack() throws Exception {
        System.setProperty("livecalc.bench.dir", dir.toString());
        ParquetWriteBenchmark bench = new ParquetWriteBenchmark();
        bench.codec = ParquetCodec.SNAPPY;
        bench.setUp();
        try (Arena arena = Arena.ofConfined()) {
            Path file = bench.writeResults();
            assertEquals(1_000_000, ParquetFiles.rowCount(file));
            MemorySegment read = arena.allocate(ParquetWorkload.ROWS * ResultRecord.SIZE);
            ParquetFiles.read(file, BufferType.RESULT, read);
            assertEquals(-1, ParquetWorkload.results(arena, ParquetWorkload.ROWS).mismatch(read));
            assertEquals(999, ResultRecord.scenarioId(read, 999_999));
            assertEquals(1000, ResultRecord.policyId(read, 999_999));
        } finally {
            bench.tearDown();
            System.clearProperty("livecalc.bench.dir");
        }
    }
}
