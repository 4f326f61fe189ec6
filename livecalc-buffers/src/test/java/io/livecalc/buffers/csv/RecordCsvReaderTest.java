package io.livecalc.buffers.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.livecalc.api.BufferType;
import io.livecalc.api.DataFileException;
import io.livecalc.api.PolicyRecord;
import io.livecalc.api.ScenarioRecord;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chunked reading gives the same records as the whole-file readers, whatever the chunk size. */
class RecordCsvReaderTest {

    @TempDir
    Path dir;

    @Test
    void kindComesFromTheColumns() {
        assertEquals(Optional.of(BufferType.INPUT), RecordFiles.kindOf(PolicyCsv.HEADER));
        assertEquals(Optional.of(BufferType.SCENARIO), RecordFiles.kindOf(List.of("scenario_id", "year", "rate")));
        assertEquals(Optional.of(BufferType.SCENARIO), RecordFiles.kindOf(List.of("scenario_index", "year_1", "year_2")));
        assertEquals(Optional.empty(), RecordFiles.kindOf(List.of("a", "b")));
    }

    @Test
    void policiesStreamThroughASmallChunk() throws IOException {
        List<String> lines = new ArrayList<>(List.of(String.join(",", PolicyCsv.HEADER)));
        for (int i = 1; i <= 7; i++) {
            lines.add(i + ",30,F,1000," + i + ",10,Term,Standard");
        }
        Path f = Files.write(dir.resolve("p.csv"), lines);
        MemorySegment all = PolicyCsv.read(f, Arena.global());
        try (RecordCsvReader r = RecordCsvReader.open(f)) {
            assertEquals(BufferType.INPUT, r.type());
            MemorySegment chunk = Arena.global().allocate(3 * PolicyRecord.SIZE);
            List<Long> sizes = new ArrayList<>();
            long at = 0;
            for (long n; (n = r.read(chunk)) > 0; at += n) {
                sizes.add(n);
                assertEquals(-1, chunk.asSlice(0, n * PolicyRecord.SIZE).mismatch(all.asSlice(at * PolicyRecord.SIZE, n * PolicyRecord.SIZE)));
            }
            assertEquals(List.of(3L, 3L, 1L), sizes);
            assertEquals(7, r.recordsRead());
        }
    }

    @Test
    void wideRowsAreNeverSplitAcrossChunks() throws IOException {
        Path f = Files.write(dir.resolve("s.csv"), List.of("scenario_index,year_1,year_2,year_3", "0,0.01,0.02,0.03", "1,0.04,0.05,0.06"));
        try (RecordCsvReader r = RecordCsvReader.open(f)) {
            assertEquals(3, r.recordsPerRow());
            MemorySegment chunk = Arena.global().allocate(5 * ScenarioRecord.SIZE);
            assertEquals(3, r.read(chunk));
            assertEquals(3, r.read(chunk));
            assertEquals(1, ScenarioRecord.scenarioId(chunk, 0));
            assertEquals(0.06, ScenarioRecord.rate(chunk, 2));
            assertEquals(0, r.read(chunk));
            assertThrows(IllegalArgumentException.class, () -> r.read(Arena.global().allocate(2 * ScenarioRecord.SIZE)));
        }
    }

    @Test
    void endOfFileChecksRunWhenTheLastChunkIsRead() throws IOException {
        Path f = Files.write(dir.resolve("s.csv"), List.of("scenario_id,year,rate", "1,1,0.03", "1,2,0.03", "2,1,0.03"));
        try (RecordCsvReader r = RecordCsvReader.open(f, BufferType.SCENARIO)) {
            MemorySegment chunk = Arena.global().allocate(16 * ScenarioRecord.SIZE);
            DataFileException e = assertThrows(DataFileException.class, () -> r.read(chunk));
            assertEquals(f + ": line 4: scenario 2 has 1 years; the first scenario has 2", e.getMessage());
        }
    }

    @Test
    void unknownColumnsAskForTheKind() throws IOException {
        Path f = Files.write(dir.resolve("x.csv"), List.of("a,b", "1,2"));
        DataFileException e = assertThrows(DataFileException.class, () -> RecordCsvReader.open(f));
        assertEquals("Cannot tell whether " + f + " holds policies or scenarios from its columns [a, b]; expected "
                + "policy_id,age,gender,sum_assured,premium,term,product_type,underwriting_class, or scenario_id,year,rate, "
                + "or scenario_index,year_1..year_N (or force the kind)", e.getMessage());
    }
}
