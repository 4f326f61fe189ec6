package io.livecalc.engines.projection;

import io.livecalc.engines.assumptions.AssumptionSource;
import io.livecalc.engines.assumptions.ExpenseAssumptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.livecalc.api.ConfigurationException;
import io.livecalc.api.DataFileException;
import io.livecalc.api.EngineExecutionException;
import io.livecalc.api.InitializationException;
import io.livecalc.api.PolicyRecord;
import io.livecalc.api.ResultRecord;
import io.livecalc.api.ScenarioTotalRecord;
import io.livecalc.buffers.csv.PolicyCsv;
import io.livecalc.engines.ReferenceData;
import io.livecalc.engines.scenario.ScenarioSet;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input is rejected with a message naming file, line, column and value. Policy and scenario rows are
 * checked by livecalc-buffers ({@code io.livecalc.buffers.csv}, tested there); here: assumption tables, config and buffers.
 */
class InputValidationTest {

    @TempDir
    Path dir;

    private Path file(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    @Test
    void rejectsLapseTableWith49Years() throws IOException {
        List<String> lines = Files.readAllLines(ReferenceData.upstream("sample_lapse.csv"));
        Path f = Files.write(dir.resolve("lapse49.csv"), lines.subList(0, 50));
        DataFileException e = assertThrows(DataFileException.class, () -> AssumptionSource.files(dir).lapse("lapse49.csv"));
        assertEquals(f + ": lapse table has 49 years; expected years 1..50 (first missing year: 50)", e.getMessage());
    }

    @Test
    void rejectsMortalityRateAboveOne() throws IOException {
        Path f = file("m.csv", "age,male,female", "0,0.5,1.5");
        DataFileException e = assertThrows(DataFileException.class, () -> AssumptionSource.files(dir).mortality(f.toString()));
        assertEquals(f + ": line 2, column 3 (female): \"1.5\" is out of range: expected a rate in [0, 1]", e.getMessage());
    }

    @Test
    void rejectsUnknownExpenseNameInJsonWithLineAndColumn() throws IOException {
        Path f = file("e.json", "{", "  \"acquisition\": 1,", "  \"travel\": 2", "}");
        DataFileException e = assertThrows(DataFileException.class, () -> AssumptionSource.files(dir).expenses("e.json"));
        assertEquals(f + ": line 3, column 3: \"travel\" is not an expense name; expected one of "
                + "[acquisition, maintenance, percent_of_premium, claim_expense]", e.getMessage());
    }

    @Test
    void readsBothExpenseFormatsOfTheReference() {
        AssumptionSource files = AssumptionSource.files(Path.of(""));
        assertEquals(new ExpenseAssumptions(500, 50, 0.05, 100),
                files.expenses(ReferenceData.upstream("sample_expenses.csv").toString()));
        assertEquals(new ExpenseAssumptions(500, 50, 0.05, 200),
                files.expenses(ReferenceData.upstream("expenses_demo.json").toString()));
        files.mortality(ReferenceData.upstream("mortality_demo.csv").toString());
        files.lapse(ReferenceData.upstream("lapse_demo.csv").toString());
    }

    @Test
    void rejectsAssumptionsManagerReferenceUntilOneIsConfigured() {
        InitializationException e = assertThrows(InitializationException.class,
                () -> AssumptionSource.files(dir).mortality("assumptions://mortality:v2"));
        assertEquals("assumption reference 'assumptions://mortality:v2' needs an Assumptions Manager source;"
                + " this engine resolves file paths only", e.getMessage());
    }

    @Test
    void rejectsScenarioFileWithYearsOutOfOrder() throws IOException {
        Path f = file("s.csv", "scenario_id,year,rate", "1,1,0.03", "1,3,0.03");
        DataFileException e = assertThrows(DataFileException.class, () -> ScenarioSet.fromCsv(f));
        assertEquals(f + ": line 3, column 2 (year): \"3\" is out of order: expected year 2 of scenario 1", e.getMessage());
    }

    @Test
    void rejectsMultiplierZero() {
        try (ProjectionEngine engine = new ProjectionEngine()) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> engine.initialize(Fixtures.sampleConfig(Map.of("mortality_multiplier", 0)), null));
            assertEquals("engine 'projection-test': config key 'mortality_multiplier' = 0.0 must be > 0", e.getMessage());
        }
    }

    @Test
    void rejectsUnknownConfigKey() {
        try (ProjectionEngine engine = new ProjectionEngine()) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> engine.initialize(Fixtures.sampleConfig(Map.of("thread", 2)), null));
            assertEquals(true, e.getMessage().startsWith(
                    "engine 'projection-test': unknown config key 'thread' (did you mean 'threads'?); known keys: [accumulate_totals, "),
                    e.getMessage());
        }
    }

    @Test
    void outputTooSmallStatesBytesNeededAndGiven() {
        try (Arena arena = Arena.ofShared(); ProjectionEngine engine = new ProjectionEngine()) {
            engine.initialize(Fixtures.sampleConfig(Map.of("num_scenarios", 3)), null);
            MemorySegment policies = PolicyCsv.read(Fixtures.SAMPLE_POLICIES, arena);
            MemorySegment totals = arena.allocate(3 * ScenarioTotalRecord.SIZE);
            MemorySegment results = arena.allocate(29 * ResultRecord.SIZE);
            EngineExecutionException e = assertThrows(EngineExecutionException.class, () -> engine.runChunk(
                    Map.of("policies", policies), Map.of("scenario_totals", totals, "results", results)));
            assertEquals("engine 'projection-test': output 'results' too small: needs 720 bytes (10 policies x 3 scenarios x 24 B),"
                    + " given 696 bytes", e.getMessage());
            assertEquals(false, e.isTransient());
        }
    }

    @Test
    void policyIdAbove32BitsIsRejectedWhenResultsAreWrittenButNotForTotals() {
        try (Arena arena = Arena.ofShared(); ProjectionEngine engine = new ProjectionEngine()) {
            engine.initialize(Fixtures.sampleConfig(Map.of("num_scenarios", 3)), null);
            MemorySegment policies = PolicyCsv.read(Fixtures.SAMPLE_POLICIES, arena);
            PolicyRecord.policyId(policies, 4, 1L << 32);
            MemorySegment totals = arena.allocate(3 * ScenarioTotalRecord.SIZE);
            MemorySegment results = arena.allocate(30 * ResultRecord.SIZE);
            engine.runChunk(Map.of("policies", policies), Map.of("scenario_totals", totals));
            EngineExecutionException e = assertThrows(EngineExecutionException.class, () -> engine.runChunk(
                    Map.of("policies", policies), Map.of("scenario_totals", totals, "results", results)));
            assertEquals("engine 'projection-test': input 'policies' record 4 (policy id 4294967296): policy id 4294967296"
                    + " does not fit the 32-bit policy_id of RESULT records (max 4294967295); not truncated", e.getMessage());
        }
    }

    @Test
    void singleBufferRunChunkWritesResultsWithGeneratedScenarios() {
        try (Arena arena = Arena.ofShared(); ProjectionEngine engine = new ProjectionEngine()) {
            engine.initialize(Fixtures.sampleConfig(Map.of("num_scenarios", 4, "threads", 1)), null);
            MemorySegment policies = PolicyCsv.read(Fixtures.SAMPLE_POLICIES, arena);
            MemorySegment results = arena.allocate(40 * ResultRecord.SIZE);
            assertEquals(40 * ResultRecord.SIZE, engine.runChunk(policies, results).bytesWritten());
            assertEquals(10, ResultRecord.policyId(results, 39));
            assertEquals(3, ResultRecord.scenarioId(results, 39));
        }
    }
}
