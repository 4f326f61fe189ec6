package io.livecalc.engines.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.api.SolutionRecord;
import io.livecalc.api.ConfigurationException;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.ExecutionResult;
import io.livecalc.api.ScenarioTotalRecord;
import io.livecalc.api.ValuationResult;
import io.livecalc.buffers.csv.PolicyCsv;
import io.livecalc.engines.ReferenceData;
import io.livecalc.engines.esg.EsgEngine;
import io.livecalc.engines.projection.ProjectionEvaluator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The solver over the real projection: sample policies and assumptions, 200 Vasicek scenarios from the ESG. */
class SolverEngineTest {

    static Arena arena;
    static ProjectionEvaluator evaluator;
    static MemorySegment baseline;
    static MemorySegment solution;

    @BeforeAll
    static void setUp() {
        arena = Arena.ofShared();
        MemorySegment policies = PolicyCsv.read(ReferenceData.upstream("sample_policies.csv"), arena);
        EngineConfig esgConfig = EngineConfig.of("esg", Map.of("model", "vasicek", "num_scenarios", 200, "seed", 1));
        MemorySegment scenarios = arena.allocate(EsgEngine.bytesNeeded(esgConfig), 16);
        try (EsgEngine esg = new EsgEngine()) {
            esg.initialize(esgConfig, null);
            esg.runChunk(MemorySegment.NULL, scenarios);
        }
        evaluator = new ProjectionEvaluator(EngineConfig.of("projection", Map.of(
                "mortality_table", ReferenceData.upstream("sample_mortality.csv").toString(),
                "lapse_table", ReferenceData.upstream("sample_lapse.csv").toString(),
                "expenses", ReferenceData.upstream("sample_expenses.csv").toString(), "threads", 2)), policies, scenarios);
        ValuationResult base = evaluator.evaluate(Map.of());
        baseline = arena.allocate(200 * ScenarioTotalRecord.SIZE, 16);
        long[] ids = base.scenarioIds();
        double[] npvs = base.scenarioNpvs();
        for (int s = 0; s < ids.length; s++) {
            ScenarioTotalRecord.scenarioId(baseline, s, ids[s]);
            ScenarioTotalRecord.npv(baseline, s, npvs[s]);
        }
        solution = arena.allocate(SolutionRecord.SIZE, 16);
    }

    @AfterAll
    static void tearDown() {
        evaluator.close();
        arena.close();
    }

    static EngineConfig config(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return EngineConfig.of("solver", m);
    }

    static SolverEngine solve(SolverEngine engine, EngineConfig config) {
        engine.initialize(config, null);
        engine.setEvaluator(evaluator);
        engine.runChunk(Map.of("scenario_totals", baseline), Map.of("parameters", solution));
        return engine;
    }

    @Test
    void premiumRateForATargetMeanNpvConvergesInAtMostFourEvaluationsAndTheRerunHitsTheTarget() {
        double target = 25_000.0;
        SolverEngine engine = solve(new SolverEngine(), config("objective", "npv_target", "target", target,
                "parameters", "premium_rate", "premium_rate.lower", 0.5, "premium_rate.upper", 5.0));
        SolverResult r = engine.lastResult();
        assertTrue(r.converged(), r.message());
        assertFalse(r.partialResult());
        assertTrue(r.evaluations() <= 4, r.evaluations() + " evaluations: " + r.history());
        double rate = r.parameters().get("premium_rate");
        double rerun = evaluator.evaluate(Map.of("premium_rate", rate)).mean();
        assertEquals(target, rerun, 1e-6 * target, "re-run at premium_rate " + rate);
        assertEquals(rerun, r.objective(), 0.0);
        assertEquals(rate, SolutionRecord.parameter(solution, "premium_rate"), 0.0);
        assertTrue(Double.isNaN(SolutionRecord.parameter(solution, "lapse_multiplier")));
        assertEquals(SolutionRecord.CONVERGED, SolutionRecord.flags(solution));
    }

    @Test
    void secantAndBisectionReachTheSameTarget() {
        for (String algorithm : List.of("secant", "bisection")) {
            SolverResult r = solve(new SolverEngine(), config("target", 0.0, "algorithm", algorithm, "tolerance", 1.0,
                    "premium_rate.lower", 0.5, "premium_rate.upper", 5.0)).lastResult();
            assertTrue(r.converged(), algorithm + ": " + r.message());
            assertEquals(0.0, evaluator.evaluate(r.parameters()).mean(), 1.0, algorithm);
        }
    }

    @Test
    void twoParametersWithAConstraintMeetTheConstraintAndImproveTheObjective() {
        SolverEngine engine = solve(new SolverEngine(), config("objective", "minimize", "metric", "std_dev",
                "parameters", "premium_rate,lapse_multiplier", "premium_rate.lower", 0.5, "premium_rate.upper", 4.0,
                "lapse_multiplier.lower", 0.5, "lapse_multiplier.upper", 1.5, "premium_rate.initial", 3.0,
                "constraint.1.metric", "mean_npv", "constraint.1.operator", ">=", "constraint.1.value", 10_000.0,
                "algorithm", "nelder_mead", "max_iterations", 200, "max_evaluations", 400));
        SolverResult r = engine.lastResult();
        assertTrue(r.converged(), r.message());
        ValuationResult at = evaluator.evaluate(r.parameters());
        assertTrue(at.mean() >= 10_000.0 * (1 - 1e-6), "constraint mean_npv >= 10000: " + at.mean());
        ValuationResult start = evaluator.evaluate(Map.of("premium_rate", 3.0, "lapse_multiplier", 1.0));
        assertTrue(start.mean() >= 10_000.0, "the start is feasible");
        assertTrue(at.stdDev() <= start.stdDev(), at.stdDev() + " vs start " + start.stdDev());
        assertEquals(r.history().size(), r.evaluations());
        assertTrue(r.history().stream().anyMatch(e -> !e.feasible()) || r.history().stream().allMatch(SolverResult.Evaluation::feasible));
    }

    @Test
    void bobyqaHandlesTwoBoundedParameters() {
        SolverResult r = solve(new SolverEngine(), config("objective", "npv_target", "target", 0.0, "tolerance", 1.0,
                "parameters", "premium_rate,expense_multiplier", "algorithm", "bobyqa", "premium_rate.lower", 0.5,
                "premium_rate.upper", 4.0, "expense_multiplier.lower", 0.8, "expense_multiplier.upper", 1.2)).lastResult();
        assertTrue(Math.abs(evaluator.evaluate(r.parameters()).mean()) < 50.0, r.message() + " " + r.parameters());
    }

    @Test
    void anUnreachableTargetFailsWithANoBracketMessage() {
        SolverEngine engine = new SolverEngine();
        engine.initialize(config("target", 1e12, "premium_rate.lower", 0.5, "premium_rate.upper", 2.0), null);
        engine.setEvaluator(evaluator);
        ExecutionResult result = engine.runChunk(baseline, solution);
        assertFalse(result.success());
        assertTrue(result.errorMessage().startsWith("engine 'solver': no bracket: mean_npv - target has the same sign over [0.5, 2.0]"),
                result.errorMessage());
        assertTrue(result.errorMessage().contains("widen premium_rate.lower/.upper"), result.errorMessage());
        assertFalse(engine.lastResult().converged());
        assertEquals(3, engine.lastResult().evaluations(), "initial, lower, upper");
    }

    @Test
    void timeoutReturnsThePartialBestPoint() {
        AtomicLong now = new AtomicLong();
        SolverEngine engine = new SolverEngine(() -> now.addAndGet(1_000_000_000L));
        engine.initialize(config("objective", "maximize", "metric", "p50", "parameters", "premium_rate,mortality_multiplier",
                "premium_rate.lower", 0.5, "premium_rate.upper", 2.0, "mortality_multiplier.lower", 0.5,
                "mortality_multiplier.upper", 2.0, "timeout_seconds", 6.5), null);
        engine.setEvaluator(evaluator);
        ExecutionResult result = engine.runChunk(baseline, solution);
        SolverResult r = engine.lastResult();
        assertTrue(result.success() && result.partial(), result.toString());
        assertTrue(r.partialResult());
        assertFalse(r.converged());
        assertTrue(r.message().startsWith("timeout after 6.5 s"), r.message());
        double best = r.history().stream().mapToDouble(SolverResult.Evaluation::objective).max().orElseThrow();
        assertEquals(best, r.objective(), 0.0, "the best p50 evaluated so far");
        assertEquals(SolutionRecord.PARTIAL_RESULT, SolutionRecord.flags(solution));
    }

    @Test
    void evaluationLimitReturnsThePartialBestPoint() {
        SolverResult r = solve(new SolverEngine(), config("target", 25_000.0, "algorithm", "bisection", "max_evaluations", 5,
                "premium_rate.lower", 0.5, "premium_rate.upper", 5.0)).lastResult();
        assertTrue(r.partialResult());
        assertEquals(5, r.evaluations());
        double closest = r.history().stream().mapToDouble(e -> Math.abs(e.objective() - 25_000.0)).min().orElseThrow();
        assertEquals(closest, Math.abs(r.objective() - 25_000.0), 0.0);
    }

    @Test
    void resultExportsAsJsonAndFlatRows() throws Exception {
        SolverResult r = solve(new SolverEngine(), config("target", 25_000.0, "premium_rate.lower", 0.5, "premium_rate.upper", 5.0))
                .lastResult();
        JsonNode json = new ObjectMapper().readTree(r.toJson());
        assertEquals(r.parameters().get("premium_rate"), json.get("parameters").get("premium_rate").asDouble(), 0.0);
        assertFalse(json.get("partial_result").asBoolean());
        assertEquals(r.evaluations(), json.get("history").size());
        assertTrue(json.get("history").get(0).has("elapsed_ms"));
        Map<String, Object> row = r.historyRows().getFirst();
        assertEquals(List.of("evaluation", "elapsed_ms", "premium_rate", "objective", "mean_npv", "std_dev", "cte_95", "p50", "p75",
                "p90", "p95", "p99", "feasible"), List.copyOf(row.keySet()));
    }

    @Test
    void everyConfigurationProblemIsReportedTogether() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new SolverEngine().initialize(config(
                "objective", "hit", "metric", "mean", "parameters", "premium_rate,colour", "premium_rate.lower", 2.0,
                "premium_rate.upper", 1.0, "constraint.1.metric", "cte_95", "constraint.1.operator", "=>", "constraint.1.value", 0,
                "algorithm", "simulated_annealing", "max_iterations", 0, "speed", "fast"), null));
        String m = e.getMessage();
        for (String expected : List.of("'parameters' names 'colour', not a parameter", "unknown config key 'speed'",
                "'objective' = \"hit\" is not one of [npv_target, minimize, maximize]", "'metric' = \"mean\" is not a valuation metric",
                "'max_iterations' = 0 must be at least 1", "'premium_rate.lower' = 2.0 and 'premium_rate.upper' = 1.0",
                "'constraint.1.operator' = \"=>\" is not one of [>=, <=, ==]", "'algorithm' = \"simulated_annealing\" is not one of")) {
            assertTrue(m.contains(expected), "missing <" + expected + "> in " + m);
        }
        assertTrue(assertThrows(ConfigurationException.class, () -> new SolverEngine().initialize(config("premium_rate.lower", 0.5,
                "premium_rate.upper", 2.0), null)).getMessage().contains("missing required config key 'target'"));
        assertTrue(assertThrows(ConfigurationException.class, () -> new SolverEngine().initialize(config("objective", "minimize",
                "algorithm", "bobyqa", "premium_rate.lower", 0.5, "premium_rate.upper", 2.0), null)).getMessage()
                .contains("bobyqa\" needs at least 2 parameters"));
    }
}
