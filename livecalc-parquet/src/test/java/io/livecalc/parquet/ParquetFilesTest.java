package io.livecalc.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.api.BufferType;
import io.livecalc.api.PolicyRecord;
import io.livecalc.api.ResultRecord;
import io.livecalc.api.ScenarioRecord;
import io.livecalc.api.ScenarioTotalRecord;
import io.livecalc.buffers.BufferInfo;
import io.livecalc.buffers.BufferManager;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ParquetFilesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ParquetCodec.class)
    void policiesSurviveAWriteAndReadBitForBitWithEveryCodec(ParquetCodec codec) {
        try (Arena arena = Arena.ofConfined(); BufferManager manager = new BufferManager()) {
            MemorySegment written = TestData.policies(arena, 20_000, 7);
            Path file = dir.resolve("policies-" + codec + ".parquet");
            ParquetFiles.write(file, BufferType.INPUT, written, 20_000, ParquetWriteOptions.defaults().withCodec(codec));

            assertEquals(20_000, ParquetFiles.rowCount(file));
            BufferInfo read = ParquetFiles.readPolicies(file, manager, "policies");
            assertEquals(20_000, read.recordCount());
            assertEquals(-1, written.mismatch(read.segment()));
            assertEquals(-1L, PolicyRecord.policyId(read.segment(), 0));
            assertEquals(0xFFFF_FFFFL, PolicyRecord.term(read.segment(), 1));
        }
    }

    @Test
    void scenariosAndScenarioTotalsRoundTrip() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment scenarios = TestData.scenarios(arena, 100, 3);
            Path file = dir.resolve("scenarios.parquet");
            ParquetFiles.write(file, BufferType.SCENARIO, scenarios, 5000, ParquetWriteOptions.defaults());
            MemorySegment back = arena.allocate(5000 * ScenarioRecord.SIZE);
            assertEquals(5000, ParquetFiles.readScenarios(file, back));
            assertEquals(-1, scenarios.mismatch(back));

            MemorySegment totals = arena.allocate(3 * ScenarioTotalRecord.SIZE);
            for (int i = 0; i < 3; i++) {
                ScenarioTotalRecord.scenarioId(totals, i, i + 1);
                ScenarioTotalRecord.npv(totals, i, -2833.866474 * (i + 1));
            }
            Path totalsFile = dir.resolve("totals.parquet");
            ParquetFiles.write(totalsFile, BufferType.SCENARIO_TOTAL, totals, 3, ParquetWriteOptions.defaults());
            MemorySegment totalsBack = arena.allocate(3 * ScenarioTotalRecord.SIZE);
            assertEquals(3, ParquetFiles.read(totalsFile, BufferType.SCENARIO_TOTAL, totalsBack));
            assertEquals(-1, totals.mismatch(totalsBack));
        }
    }

    @Test
    void resultsRoundTripThroughTheSeedsResultSchema() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment results = TestData.results(arena, 3000, 1000);
            Path file = dir.resolve("results.parquet");
            ParquetFiles.write(file, BufferType.RESULT, results, 3000, ParquetWriteOptions.defaults());
            MemorySegment back = arena.allocate(3000 * ResultRecord.SIZE);
            assertEquals(3000, ParquetFiles.read(file, BufferType.RESULT, back));
            assertEquals(-1, results.mismatch(back));
            assertEquals(2, ResultRecord.scenarioId(back, 2999));
            assertEquals(1000, ResultRecord.policyId(back, 2999));
        }
    }

    @Test
    void readsIntoACallerSegmentAndRejectsOneThatIsTooSmall() {
        try (Arena arena = Arena.ofConfined()) {
            Path file = dir.resolve("p.parquet");
            ParquetFiles.write(file, BufferType.INPUT, TestData.policies(arena, 10, 1), 10, ParquetWriteOptions.defaults());
            MemorySegment small = arena.allocate(9 * PolicyRecord.SIZE);
            var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> ParquetFiles.readPolicies(file, small));
            assertEquals(file + " has 10 rows but the target segment holds only 9 INPUT records", e.getMessage());
        }
    }

    @Test
    void overwritesAnExistingFileOnlyOnCommit() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            Path file = dir.resolve("p.parquet");
            ParquetFiles.write(file, BufferType.INPUT, TestData.policies(arena, 10, 1), 10, ParquetWriteOptions.defaults());
            try (ParquetRecordWriter w = ParquetFiles.openWriter(file, BufferType.INPUT, ParquetWriteOptions.defaults())) {
                w.write(TestData.policies(arena, 5, 2), 5);
                assertEquals(10, ParquetFiles.rowCount(file));
                w.commit();
            }
            assertEquals(5, ParquetFiles.rowCount(file));
            try (var files = Files.list(dir)) {
                assertEquals(1, files.count());
            }
            assertFalse(Files.exists(dir.resolve("missing.parquet")));
            assertTrue(Files.exists(file));
        }
    }
}
