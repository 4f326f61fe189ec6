package io.livecalc.orchestrator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livecalc.api.BufferType;
import io.livecalc.api.PolicyRecord;
import io.livecalc.api.ScenarioRecord;
import io.livecalc.buffers.csv.PolicyCsv;
import io.livecalc.buffers.csv.ScenarioCsv;
import io.livecalc.engines.ReferenceData;
import io.livecalc.engines.assumptions.AssumptionSource;
import io.livecalc.engines.assumptions.ExpenseAssumptions;
import io.livecalc.engines.assumptions.LapseTable;
import io.livecalc.engines.assumptions.MortalityTable;
import io.livecalc.engines.projection.Policy;
import io.livecalc.parquet.ArrowBuffers;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Pipelines fed from memory: no DAG file, no data file, no table file, no output file. Their numbers are the
 * file-based run's, bit for bit, and the original engine's reference results.
 */
class InMemoryInputsTest {

    private static final Arena ARENA = Arena.ofShared();
    /** The sample data, read by the test (not by the pipelines) from the reference files. */
    private static final MemorySegment POLICIES = PolicyCsv.read(ReferenceData.upstream("sample_policies.csv"), ARENA);
    private static final MemorySegment SCENARIOS = ScenarioCsv.read(ReferenceData.upstream("sample_scenarios.csv"), ARENA);
    private static final AssumptionSource FILES = AssumptionSource.files(ReferenceData.root());
    private static final MortalityTable MORTALITY = FILES.mortality(ReferenceData.upstream("sample_mortality.csv").toString());
    private static final LapseTable LAPSE = FILES.lapse(ReferenceData.upstream("sample_lapse.csv").toString());
    private static final ExpenseAssumptions EXPENSES = FILES.expenses(ReferenceData.upstream("sample_expenses.csv").toString());

    @AfterAll
    static void free() {
        ARENA.close();
    }

    private static List<Policy> policyList() {
        List<Policy> out = new ArrayList<>();
        for (long i = 0; i < POLICIES.byteSize() / PolicyRecord.SIZE; i++) {
            out.add(new Policy(PolicyRecord.policyId(POLICIES, i), PolicyRecord.age(POLICIES, i), PolicyRecord.gender(POLICIES, i),
                    PolicyRecord.sumAssured(POLICIES, i), PolicyRecord.premium(POLICIES, i), PolicyRecord.term(POLICIES, i),
                    PolicyRecord.productType(POLICIES, i), PolicyRecord.underwritingClass(POLICIES, i)));
        }
        return out;
    }

    /** The sample scenarios as {@code rates[scenario][year - 1]} (3 x 50, ids 1..3 in the file; 0..2 here). */
    private static double[][] rateMatrix() {
        double[][] rates = new double[3][50];
        for (int i = 0; i < 150; i++) {
            rates[i / 50][(int) ScenarioRecord.year(SCENARIOS, i) - 1] = ScenarioRecord.rate(SCENARIOS, i);
        }
        return rates;
    }

    /** The projection of the sample policies under the scenarios, on the sample tables given as values. */
    private static void onTableValues(PipelineBuilder.EngineStep e) {
        e.input("policies").input("scenarios").config("mortality_table", MORTALITY).config("lapse_table", LAPSE).config("expenses", EXPENSES);
    }

    private static double[] run(Function<PipelineBuilder, PipelineBuilder> data, boolean tablesAsValues) {
        PipelineBuilder b = data.apply(Pipeline.builder()).engine("projection", "projection", e -> {
            e.input("policies").input("scenarios");
            if (tablesAsValues) {
                e.config("mortality_table", MORTALITY).config("lapse_table", LAPSE).config("expenses", EXPENSES);
            } else {
                e.config(ReferenceData.sampleAssumptions());
            }
        });
        try (PipelineResult r = b.build().run()) {
            assertTrue(r.success(), r.engines().toString());
            return r.valuation("projection").scenarioNpvs();
        }
    }

    private static double[] fileRun() {
        return run(b -> b.policies("policies", ReferenceData.upstream("sample_policies.csv"))
                .scenarios("scenarios", ReferenceData.upstream("sample_scenarios.csv")), false);
    }

    @Test
    void aPipelineWithNoFileAnywhereValuesAsTheFileBasedRunAndTheOriginalEngine() throws IOException {
        double[] fromMemory = run(b -> b.policies("policies", policyList()).scenarios("scenarios", rateMatrix()), true);
        assertArrayEquals(fileRun(), fromMemory, "bit for bit");
        JsonNode expected = new ObjectMapper().readTree(ReferenceData.expected("sample10_samplescenarios3.json").toFile()).get("distribution");
        for (int i = 0; i < 3; i++) {
            double e = expected.get(i).asDouble();
            assertEquals(e, fromMemory[i], 5e-7 + 1e-9 * Math.abs(e), "scenario " + i);
        }
    }

    @Test
    void theRunSummaryNamesDataInMemoryWithItsRecordCount() throws IOException {
        try (PipelineResult r = Pipeline.builder().policies("policies", policyList()).scenarios("scenarios", rateMatrix())
                .engine("projection", "projection", InMemoryInputsTest::onTableValues)
                .build().run()) {
            JsonNode sources = new ObjectMapper().readTree(r.summaryJson()).get("data_sources");
            assertEquals("{\"id\":\"policies\",\"path\":\"(in memory)\",\"format\":\"memory\",\"kind\":\"policies\",\"records\":10}",
                    sources.get(0).toString());
            assertEquals(150, sources.get(1).get("records").asInt());
        }
    }

    @Test
    void aSegmentChangedAfterBuildIsCheckedAgainByTheRun() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment book = arena.allocate(POLICIES.byteSize(), 16).copyFrom(POLICIES);
            Pipeline pipeline = Pipeline.builder().policies("policies", book).scenarios("scenarios", SCENARIOS)
                    .engine("projection", "projection", InMemoryInputsTest::onTableValues).build();
            PolicyRecord.age(book, 3, 130);
            io.livecalc.api.ConfigurationException e = assertThrows(io.livecalc.api.ConfigurationException.class, pipeline::run);
            assertEquals("data source 'policies' (in memory) changed since build() and is no longer valid: row 4: (policy_id 4) age = 130"
                    + " is not an age in 0..120", e.getMessage());
        }
    }

    @Test
    void policiesInMemoryCannotRunOnAnotherExecutionEngine() {
        DagValidationException e = assertThrows(DagValidationException.class, () -> Pipeline.builder()
                .policies("policies", POLICIES).scenarios("scenarios", SCENARIOS)
                .engine("projection", "projection", InMemoryInputsTest::onTableValues)
                .executionEngine(ExecutionEngine.spark("local[2]", 0)).build());
        assertEquals(List.of(new DagProblem("policies(\"policies\", MemorySegment)", "data source 'policies': policies in memory are"
                + " valued in this JVM; the spark execution engine reads policies from a file (give a Parquet file, or run locally)")),
                e.problems());
    }

    @Test
    void policiesFromAnOffHeapSegmentAndScenariosFromAGeneratorValueTheSame() {
        double[][] rates = rateMatrix();
        double[] generated = run(b -> b.policies("policies", POLICIES).scenarios("scenarios", 3, 50, (s, y) -> rates[s][y - 1]), true);
        assertArrayEquals(fileRun(), generated);
        assertArrayEquals(fileRun(), run(b -> b.policies("policies", POLICIES).scenarios("scenarios", SCENARIOS), true));
    }

    @Test
    void anArrowRootFeedsAPipelineThroughLivecalcParquet() {
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot policies = ArrowBuffers.toArrow(POLICIES, 10, BufferType.INPUT, allocator);
             VectorSchemaRoot scenarios = ArrowBuffers.toArrow(SCENARIOS, 150, BufferType.SCENARIO, allocator)) {
            double[] fromArrow = run(b -> b.policies("policies", ArrowBuffers.records(policies, BufferType.INPUT))
                    .scenarios("scenarios", ArrowBuffers.records(scenarios, BufferType.SCENARIO)), true);
            assertArrayEquals(fileRun(), fromArrow);
        }
    }

    /** A user's own record type: components named like the policy fields, in any order, with extras. */
    record Contract(String name, int age, long policyId, int gender, double sumAssured, double premium, int term, int productType,
                    int underwritingClass) {
    }

    @Test
    void badValuesInMemoryAreProblemsOfBuildWithTheirRowAndField() {
        List<Contract> contracts = List.of(new Contract("a", 40, 1, 0, 100_000, 500, 20, 0, 0),
                new Contract("b", 130, 2, 0, 100_000, 500, 20, 0, 0),
                new Contract("c", 50, 3, 2, Double.NaN, 500, 20, 0, 7),
                new Contract("d", 50, 1, 1, 100_000, 500, 20, 0, 0));
        double[][] rates = {{0.03, 0.03}, {0.03}, {0.02, Double.NaN}};
        DagValidationException e = assertThrows(DagValidationException.class, () -> Pipeline.builder()
                .policies("policies", contracts).scenarios("scenarios", rates)
                .engine("projection", "projection", InMemoryInputsTest::onTableValues)
                .build());
        assertEquals("""
                pipeline: 7 problems
                  policies("policies", List): data source 'policies': row 2: (policy_id 2) age = 130 is not an age in 0..120
                  policies("policies", List): data source 'policies': row 3: (policy_id 3) gender = 2 is not a gender: 0 male, 1 female
                  policies("policies", List): data source 'policies': row 3: (policy_id 3) sum_assured = NaN is not a finite amount >= 0
                  policies("policies", List): data source 'policies': row 3: (policy_id 3) underwriting_class = 7 is not a class code: 0 standard, 1 smoker, 2 non-smoker, 3 preferred, 4 substandard
                  policies("policies", List): data source 'policies': row 4: policy_id 1 appears again (first at row 1); each policy would be valued twice. Give every policy its own id
                  scenarios("scenarios", double[][]): data source 'scenarios': row 3: scenario 1 has 1 years, scenario 0 has 2
                  scenarios("scenarios", double[][]): data source 'scenarios': row 6: scenario 2, year 2: rate = NaN is not a finite rate above -1""",
                e.getMessage());
    }

    @Test
    void aRecordTypeThatIsNotAPolicyIsRefusedNamingTheMissingComponents() {
        record Person(String name, int age) {
        }
        DagValidationException e = assertThrows(DagValidationException.class, () -> Pipeline.builder()
                .policies("policies", List.of(new Person("x", 3))).scenarios("scenarios", rateMatrix())
                .engine("projection", "projection", InMemoryInputsTest::onTableValues)
                .build());
        assertTrue(e.getMessage().contains("data source 'policies': record type " + Person.class.getName() + " has no number component"
                + " [policyId, gender, sumAssured, premium, term, productType, underwritingClass]; a policy record needs"), e.getMessage());
    }

    @Test
    void aTableOfTheWrongKindIsAProblemOfItsKey() {
        DagValidationException e = assertThrows(DagValidationException.class, () -> Pipeline.builder()
                .policies("policies", POLICIES).scenarios("scenarios", SCENARIOS)
                .engine("projection", "projection", s -> s.input("policies").input("scenarios")
                        .config("mortality_table", LAPSE).config("lapse_table", LAPSE).config("expenses", EXPENSES))
                .build());
        assertTrue(e.getMessage().contains("config key 'mortality_table' holds a LapseTable; expected a MortalityTable or a reference"),
                e.getMessage());
    }
}
