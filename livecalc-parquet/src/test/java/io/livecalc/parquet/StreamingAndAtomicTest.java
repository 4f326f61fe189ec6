package io.livecalc.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.livecalc.api.BufferType;
import io.livecalc.api.PolicyRecord;
import io.livecalc.api.ResultRecord;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingAndAtomicTest {

    @TempDir
    Path dir;

    private List<Path> filesInDir() throws IOException {
        try (var s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void writerAcceptsChunkAfterChunkAndReaderRefillsASmallBufferAcrossRowGroups() {
        int chunks = 5, perChunk = 20_000;
        Path file = dir.resolve("results.parquet");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment all = TestData.results(arena, chunks * perChunk, 10_000);
            // small row groups so the reader crosses several of them
            ParquetWriteOptions options = ParquetWriteOptions.defaults().withRowGroupBytes(256 * 1024);
            try (ParquetRecordWriter w = ParquetFiles.openWriter(file, BufferType.RESULT, options)) {
                for (int c = 0; c < chunks; c++) {
                    w.write(all.asSlice(c * perChunk * ResultRecord.SIZE, perChunk * ResultRecord.SIZE), perChunk);
                }
                assertEquals(100_000, w.rowsWritten());
                w.commit();
            }
            MemorySegment reused = arena.allocate(7_777 * ResultRecord.SIZE);
            MemorySegment back = arena.allocate(all.byteSize());
            try (ParquetRecordReader r = ParquetFiles.openReader(file, BufferType.RESULT)) {
                assertEquals(100_000, r.rowCount());
                assertEquals(true, r.largestRowGroup() < 100_000);
                long n, total = 0, batches = 0;
                while ((n = r.read(reused)) > 0) {
                    MemorySegment.copy(reused, 0, back, total * ResultRecord.SIZE, n * ResultRecord.SIZE);
                    total += n;
                    batches++;
                }
                assertEquals(100_000, total);
                assertEquals(13, batches); // ceil(100000 / 7777)
                assertEquals(0, r.read(reused));
            }
            assertEquals(-1, all.mismatch(back));
        }
    }

    @Test
    void committedFileIsReadableByOthersNotPrivateLikeATemporaryFile() throws IOException {
        Path file = dir.resolve("p.parquet");
        try (Arena arena = Arena.ofConfined()) {
            ParquetFiles.write(file, BufferType.INPUT, TestData.policies(arena, 3, 1), 3, ParquetWriteOptions.defaults());
        }
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void closingWithoutCommitLeavesNoFile() throws IOException {
        Path file = dir.resolve("never.parquet");
        try (Arena arena = Arena.ofConfined();
                ParquetRecordWriter w = ParquetFiles.openWriter(file, BufferType.INPUT, ParquetWriteOptions.defaults())) {
            w.write(TestData.policies(arena, 1000, 1), 1000);
        }
        assertEquals(List.of(), filesInDir());
    }

    @Test
    void failureInTheMiddleOfAWriteLeavesThePreviousFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("policies.parquet");
        try (Arena arena = Arena.ofConfined()) {
            ParquetFiles.write(file, BufferType.INPUT, TestData.policies(arena, 10, 1), 10, ParquetWriteOptions.defaults());
        }
        byte[] before = Files.readAllBytes(file);
        Arena gone = Arena.ofConfined();
        MemorySegment freed = TestData.policies(gone, 1000, 2);
        gone.close(); // the chunk's memory disappears under the writer: the write fails part-way
        try (Arena arena = Arena.ofConfined();
                ParquetRecordWriter w = ParquetFiles.openWriter(file, BufferType.INPUT, ParquetWriteOptions.defaults())) {
            w.write(TestData.policies(arena, 500, 3), 500);
            assertThrows(IllegalStateException.class, () -> w.write(freed, 1000));
            assertThrows(IllegalStateException.class, w::commit);
        }
        assertEquals(List.of(file), filesInDir());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void oneShotWriteOfATooSmallSegmentFailsBeforeCreatingTheFile() throws IOException {
        Path file = dir.resolve("p.parquet");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment five = TestData.policies(arena, 5, 1);
            var e = assertThrows(IllegalArgumentException.class,
                    () -> ParquetFiles.write(file, BufferType.INPUT, five, 6, ParquetWriteOptions.defaults()));
            assertEquals("cannot write 6 INPUT records from a segment of " + 5 * PolicyRecord.SIZE + " bytes (5 records)",
                    e.getMessage());
        }
        assertEquals(List.of(), filesInDir());
    }
}
