package io.livecalc.engines.projection;

import io.livecalc.api.ValuationResult;
import io.livecalc.engines.assumptions.AssumptionSource;
import io.livecalc.engines.projection.internal.CashFlowModel;
import io.livecalc.engines.projection.internal.ScenarioGrid;
import static io.livecalc.engines.projection.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;

import io.livecalc.api.ResultRecord;
import io.livecalc.engines.ReferenceData;
import io.livecalc.engines.scenario.GbmScenarioGenerator;
import io.livecalc.buffers.csv.PolicyCsv;
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

/** Every file of testdata/expected reproduced (rng_mt19937_64 is in GbmScenarioGeneratorTest). */
class ReferenceResultsTest {

    /** Per-policy NPVs of the sample policies under scenario 0 of the GBM set (reference README, 17 digits). */
    static final double[] SAMPLE_NPVS_SCENARIO0 = {140.64820401290248, 1669.3303010912412, 499.78969956831224,
            767.42583883671773, -1283.1732938053151, -6156.4982718983565, 447.07395301381626, 1957.0553984323244,
            -1239.6191809847182, 665.04415379933778};

    @TempDir
    Path tmp;

    static void assertMatches(JsonNode expected, ValuationResult r) {
        JsonNode st = expected.get("statistics");
        assertEquals(expected.get("scenario_count").asInt(), r.scenarioCount());
        assertClose(st.get("mean_npv").asDouble(), r.mean(), 1e-9, "mean");
        assertClose(st.get("std_dev").asDouble(), r.stdDev(), 1e-9, "std_dev");
        assertClose(st.get("cte_95").asDouble(), r.cte95(), 1e-9, "cte_95");
        JsonNode p = st.get("percentiles");
        assertClose(p.get("p50").asDouble(), r.p50(), 1e-9, "p50");
        assertClose(p.get("p75").asDouble(), r.p75(), 1e-9, "p75");
        assertClose(p.get("p90").asDouble(), r.p90(), 1e-9, "p90");
        assertClose(p.get("p95").asDouble(), r.p95(), 1e-9, "p95");
        assertClose(p.get("p99").asDouble(), r.p99(), 1e-9, "p99");
        double[] npvs = r.scenarioNpvs();
        JsonNode dist = expected.get("distribution");
        assertEquals(dist.size(), npvs.length);
        for (int s = 0; s < npvs.length; s++) {
            assertClose(dist.get(s).asDouble(), npvs[s], 1e-9, "scenario " + s);
        }
    }

    @Test
    void samplePoliciesUnderTheGbmFileReproduceSample10Gbm1000() throws IOException {
        ValuationResult r = Fixtures.sampleAssumptions().policies(Fixtures.SAMPLE_POLICIES).scenariosFile(Fixtures.GBM_1000).run();
        assertMatches(Fixtures.expectedJson("sample10_gbm1000.json"), r);
    }

    @Test
    void generatedGbmScenariosGiveExactlyTheRunFromTheScenarioFile() {
        ValuationResult fromFile = Fixtures.sampleAssumptions().policies(Fixtures.SAMPLE_POLICIES).scenariosFile(Fixtures.GBM_1000).run();
        ValuationResult generated = Fixtures.sampleAssumptions().policies(Fixtures.SAMPLE_POLICIES)
                .gbm(GbmScenarioGenerator.Parameters.originalCliDefaults()).run();
        assertArrayEquals(fromFile.scenarioNpvs(), generated.scenarioNpvs(), 0.0);
        assertArrayEquals(fromFile.scenarioIds(), generated.scenarioIds());
    }

    @Test
    void stressMultipliersReproduceSample10Gbm1000Stress() throws IOException {
        ValuationResult r = Fixtures.sampleAssumptions().policies(Fixtures.SAMPLE_POLICIES).scenariosFile(Fixtures.GBM_1000)
                .mortalityMultiplier(1.1).lapseMultiplier(0.9).expenseMultiplier(1.2).run();
        assertMatches(Fixtures.expectedJson("sample10_gbm1000_stress.json"), r);
    }

    @Test
    void threeSampleScenariosReproduceSample10SampleScenarios3() throws IOException {
        ValuationResult r = Fixtures.sampleAssumptions().policies(Fixtures.SAMPLE_POLICIES).scenariosFile(Fixtures.SAMPLE_SCENARIOS).run();
        assertMatches(Fixtures.expectedJson("sample10_samplescenarios3.json"), r);
        assertArrayEquals(new long[] {1, 2, 3}, r.scenarioIds());
    }

    @Test
    void firstThousandPoliciesReproducePolicies1000Gbm1000() throws IOException {
        ValuationResult r = Fixtures.sampleAssumptions().policies(Fixtures.firstPolicies(tmp, 1000))
                .scenariosFile(Fixtures.GBM_1000).threads(2).run();
        assertMatches(Fixtures.expectedJson("policies1000_gbm1000.json"), r);
    }

    @Test
    void perPolicyNpvsOfScenario0EqualTheReferenceToTwelveDigitsInBothKernels() {
        ScenarioSet gbm = ScenarioSet.fromCsv(Fixtures.GBM_1000);
        for (Map<String, Object> extra : List.<Map<String, Object>>of(Map.of(), Map.of("dynamic_lapse_sensitivity", 0.0))) {
            try (Arena arena = Arena.ofShared(); ProjectionEngine engine = new ProjectionEngine()) {
                engine.initialize(Fixtures.sampleConfig(extra), null);
                MemorySegment policies = PolicyCsv.read(Fixtures.SAMPLE_POLICIES, arena);
                MemorySegment results = arena.allocate(10L * gbm.count() * ResultRecord.SIZE, 16);
                Fixtures.run(engine, policies, gbm, arena, results, null);
                for (int p = 0; p < 10; p++) {
                    long i = (long) p * gbm.count();
                    assertEquals(0, ResultRecord.scenarioId(results, i));
                    assertEquals(p + 1, ResultRecord.policyId(results, i));
                    assertClose(SAMPLE_NPVS_SCENARIO0[p], ResultRecord.npv(results, i), 1e-12, "policy " + (p + 1) + " " + extra);
                }
            }
        }
    }

    @Test
    void cashFlowsOfEverySamplePolicyYearEqualTheDumpToTwelveDigits() throws IOException {
        AssumptionSource files = AssumptionSource.files(Path.of(""));
        CashFlowModel model = new CashFlowModel(files.mortality(ReferenceData.upstream("sample_mortality.csv").toString()),
                files.lapse(ReferenceData.upstream("sample_lapse.csv").toString()),
                files.expenses(ReferenceData.upstream("sample_expenses.csv").toString()), 1, 1, 1);
        ScenarioGrid grid = new ScenarioGrid(ScenarioSet.fromCsv(Fixtures.GBM_1000));
        List<String> dump = Files.readAllLines(ReferenceData.expected("cashflows_sample_policies_scenario0.csv"));
        assertEquals("policy_id,year,lives_boy,premium_income,death_benefit,surrender_benefit,expenses,net_cashflow,"
                + "discount_factor,discounted_cashflow", dump.get(0));
        try (Arena arena = Arena.ofShared()) {
            MemorySegment policies = PolicyCsv.read(Fixtures.SAMPLE_POLICIES, arena);
            int row = 1;
            double[] cf = new double[50];
            CashFlowModel.YearlyFlows flows = new CashFlowModel.YearlyFlows();
            for (int p = 0; p < 10; p++) {
                int years = model.cashFlows(io.livecalc.api.PolicyRecord.age(policies, p), io.livecalc.api.PolicyRecord.gender(policies, p),
                        io.livecalc.api.PolicyRecord.term(policies, p), io.livecalc.api.PolicyRecord.sumAssured(policies, p),
                        io.livecalc.api.PolicyRecord.premium(policies, p), cf, flows);
                double npv = 0;
                for (int t = 0; t < years; t++, row++) {
                    String[] c = dump.get(row).split(",");
                    String where = "policy " + (p + 1) + " year " + (t + 1);
                    assertEquals(p + 1, Integer.parseInt(c[0]), where);
                    assertEquals(t + 1, Integer.parseInt(c[1]), where);
                    assertClose(Double.parseDouble(c[2]), flows.lives[t], 1e-12, where + " lives");
                    assertClose(Double.parseDouble(c[3]), flows.premium[t], 1e-12, where + " premium");
                    assertClose(Double.parseDouble(c[4]), flows.death[t], 1e-12, where + " death benefit");
                    assertEquals(0.0, Double.parseDouble(c[5]), where + " surrender");
                    assertClose(Double.parseDouble(c[6]), flows.expense[t], 1e-12, where + " expenses");
                    assertClose(Double.parseDouble(c[7]), cf[t], 1e-12, where + " net cash flow");
                    assertClose(Double.parseDouble(c[8]), grid.df[t][0], 1e-12, where + " discount factor");
                    assertClose(Double.parseDouble(c[9]), cf[t] * grid.df[t][0], 1e-12, where + " discounted");
                    npv = npv + cf[t] * grid.df[t][0];
                }
                assertEquals("# policy " + (p + 1) + " npv", dump.get(row).substring(0, dump.get(row).lastIndexOf(' ')));
                assertClose(Double.parseDouble(dump.get(row).substring(dump.get(row).lastIndexOf(' ') + 1)), npv, 1e-12,
                        "policy " + (p + 1) + " npv");
                row++;
            }
            assertEquals(dump.size(), row, "every dump row checked");
        }
    }
}
