package io.livecalc.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.livecalc.api.BufferType;
import io.livecalc.api.ResultDetailRecord;
import io.livecalc.api.ScenarioTotalRecord;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's result schema, checked with Parquet-MR's row API (independent of our columnar reader). */
class ResultWriterTest {

    @TempDir
    Path dir;

    static List<Group> rows(Path file) throws IOException {
        List<Group> out = new ArrayList<>();
        ParquetReadOptions o = ParquetReadOptions.builder(new PlainParquetConfiguration()).withCodecFactory(new JniCodecs(3)).build();
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file), o)) {
            MessageType schema = r.getFooter().getFileMetaData().getSchema();
            PageReadStore rg;
            while ((rg = r.readNextRowGroup()) != null) {
                RecordReader<Group> rr = new ColumnIOFactory().getColumnIO(schema).getRecordReader(rg, new GroupRecordConverter(schema));
                for (long i = 0; i < rg.getRowCount(); i++) {
                    out.add(rr.read());
                }
            }
        }
        return out;
    }

    static String schema(Path file) throws IOException {
        ParquetReadOptions o = ParquetReadOptions.builder(new PlainParquetConfiguration()).withCodecFactory(new JniCodecs(3)).build();
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file), o)) {
            return r.getFooter().getFileMetaData().getSchema().toString();
        }
    }

    @Test
    void resultBufferWritesTheSeedSchemaWithNullComponents() throws IOException {
        Path file = dir.resolve("results.parquet");
        try (Arena arena = Arena.ofConfined()) {
            ParquetFiles.write(file, BufferType.RESULT, TestData.results(arena, 4, 2), 4, ParquetWriteOptions.defaults());
        }
        assertEquals("""
                message Result {
                  required int32 scenario_id (INTEGER(32,false));
                  required int64 policy_id (INTEGER(64,false));
                  required double npv;
                  optional double premium_income;
                  optional double death_benefits;
                  optional double surrender_benefits;
                  optional double expenses;
                  optional double execution_time_ms;
                }
                """, schema(file));
        Group last = rows(file).get(3);
        assertEquals(1, last.getInteger("scenario_id", 0));
        assertEquals(2L, last.getLong("policy_id", 0));
        assertEquals(TestData.npv(3), last.getDouble("npv", 0));
        for (String component : List.of("premium_income", "death_benefits", "surrender_benefits", "expenses", "execution_time_ms")) {
            assertEquals(0, last.getFieldRepetitionCount(component), component + " must be null");
        }
    }

    @Test
    void resultDetailBufferFillsTheComponentsAndTheChunksExecutionTime() throws IOException {
        Path file = dir.resolve("details.parquet");
        try (Arena arena = Arena.ofConfined();
                ParquetRecordWriter w = ParquetFiles.openWriter(file, BufferType.RESULT_DETAIL, ParquetWriteOptions.defaults())) {
            MemorySegment details = TestData.resultDetails(arena, 4, 2);
            w.setExecutionTimeMs(12.5);
            w.write(details, 2);
            w.setExecutionTimeMs(Double.NaN);
            w.write(details.asSlice(2 * ResultDetailRecord.SIZE), 2);
            w.commit();
        }
        List<Group> rows = rows(file);
        Group first = rows.get(0);
        assertEquals(1000.0, first.getDouble("premium_income", 0));
        assertEquals(400.25, first.getDouble("death_benefits", 0));
        assertEquals(0.0, first.getDouble("surrender_benefits", 0));
        assertEquals(100.5, first.getDouble("expenses", 0));
        assertEquals(499.25, first.getDouble("npv", 0));
        assertEquals(12.5, first.getDouble("execution_time_ms", 0));
        assertEquals(0, rows.get(3).getFieldRepetitionCount("execution_time_ms"));
        assertEquals(1003.0, rows.get(3).getDouble("premium_income", 0));
    }

    @Test
    void scenarioTotalsHaveTheirOwnTwoColumnSchema() throws IOException {
        Path file = dir.resolve("totals.parquet");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment t = arena.allocate(ScenarioTotalRecord.SIZE);
            ScenarioTotalRecord.scenarioId(t, 0, 7);
            ScenarioTotalRecord.npv(t, 0, -2542.768586);
            ParquetFiles.write(file, BufferType.SCENARIO_TOTAL, t, 1, ParquetWriteOptions.defaults());
        }
        assertEquals("""
                message ScenarioTotal {
                  required int32 scenario_id (INTEGER(32,false));
                  required double npv;
                }
                """, schema(file));
        assertEquals(-2542.768586, rows(file).getFirst().getDouble("npv", 0));
    }
}
