package io.livecalc.buffers.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.livecalc.api.DataFileException;
import io.livecalc.api.ScenarioRecord;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioCsvTest {

    @TempDir
    Path dir;

    private Path file(String... lines) throws IOException {
        return Files.write(dir.resolve("s.csv"), List.of(lines));
    }

    private String error(String... lines) throws IOException {
        Path f = file(lines);
        return assertThrows(DataFileException.class, () -> ScenarioCsv.read(f, Arena.global())).getMessage().replace(f.toString(), "s.csv");
    }

    @Test
    void longAndWideLayoutsGiveTheSameRecords() throws IOException {
        MemorySegment fromLong = ScenarioCsv.read(file("scenario_id,year,rate", "7,1,0.03", "7,2,0.04", "9,1,0.05", "9,2,0.06"),
                Arena.global());
        MemorySegment fromWide = ScenarioCsv.read(file("scenario_index,year_1,year_2", "7,0.03,0.04", "9,0.05,0.06"), Arena.global());
        assertEquals(4 * ScenarioRecord.SIZE, fromLong.byteSize());
        assertEquals(-1, fromLong.mismatch(fromWide));
        assertEquals(9, ScenarioRecord.scenarioId(fromWide, 3));
        assertEquals(2, ScenarioRecord.year(fromWide, 3));
        assertEquals(0.06, ScenarioRecord.rate(fromWide, 3));
    }

    @Test
    void longLayoutTakesColumnsInAnyOrder() throws IOException {
        MemorySegment s = ScenarioCsv.read(file("RATE,note,Year,scenario_id", "0.03,a,1,4"), Arena.global());
        assertEquals(List.of(4L, 1L, 0.03), List.of(ScenarioRecord.scenarioId(s, 0), ScenarioRecord.year(s, 0), ScenarioRecord.rate(s, 0)));
    }

    @Test
    void rejectsScenarioFileWithYearsOutOfOrder() throws IOException {
        assertEquals("s.csv: line 3, column 2 (year): \"3\" is out of order: expected year 2 of scenario 1",
                error("scenario_id,year,rate", "1,1,0.03", "1,3,0.03"));
    }

    @Test
    void rejectsUngroupedShortAndDuplicateScenarios() throws IOException {
        assertEquals("s.csv: line 5, column 1 (scenario_id): \"1\" appears again after other scenarios; rows must be grouped by scenario",
                error("scenario_id,year,rate", "1,1,0.03", "2,1,0.03", "", "1,2,0.03"));
        assertEquals("s.csv: line 4: scenario 2 has 1 years; the first scenario has 2",
                error("scenario_id,year,rate", "1,1,0.03", "1,2,0.03", "2,1,0.03"));
        assertEquals("s.csv: line 3, column 1 (scenario_index): \"4\" is a duplicate scenario index",
                error("scenario_index,year_1", "4,0.03", "4,0.03"));
    }

    @Test
    void rejectsBadRatesAndHeaders() throws IOException {
        assertEquals("s.csv: line 3, column 3 (rate): \"0.03x\" is not a number", error("scenario_id,year,rate", "1,1,0.03", "1,2,0.03x"));
        assertEquals("s.csv: line 2, column 3 (year_2): \"-1\" is not a rate above -1", error("scenario_index,year_1,year_2", "1,0.03,-1"));
        assertEquals("s.csv: line 1, column 3 (year_3): \"year_3\" wrong header: expected year_2", error("scenario_index,year_1,year_3"));
        assertEquals("s.csv: line 1: \"id,r\" wrong header, expected scenario_id,year,rate (long) or scenario_index,year_1..year_N (wide)",
                error("id,r", "1,0.03"));
        assertEquals("s.csv: scenarios file has no scenarios", error("scenario_id,year,rate"));
    }
}
