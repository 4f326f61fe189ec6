package io.livecalc.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.api.ValuationResult;
import io.livecalc.engines.ReferenceData;
import org.junit.jupiter.api.Test;

/** Results an application reads without casts: valuations by engine, the solver's outcome. */
class TypedResultsTest {

    private static PipelineResult solvedChain() {
        PipelineResult r = Pipeline.builder()
                .policies("policies", ReferenceData.upstream("sample_policies.csv"))
                .engine("esg", "esg", e -> e.config("model", "nested").config("outer_paths", 3).config("inner_paths_per_outer", 100)
                        .config("seed", 42))
                .engine("projection", "projection", e -> e.input("policies").input("esg.scenarios")
                        .config("mortality_table", ReferenceData.upstream("sample_mortality.csv").toString())
                        .config("lapse_table", ReferenceData.upstream("sample_lapse.csv").toString())
                        .config("expenses", ReferenceData.upstream("sample_expenses.csv").toString()))
                .engine("solver", "solver", e -> e.input("projection.scenario_totals")
                        .config("objective", "npv_target").config("metric", "mean_npv").config("target", 0)
                        .config("parameters", "premium_rate").config("premium_rate.lower", 0.5).config("premium_rate.upper", 10.0))
                .build().run();
        assertTrue(r.success(), r.engines().toString());
        return r;
    }

    @Test
    void theValuationOfAnEngineIsItsScenarioTotalsAndTheHeadlineIsTheLastOnes() {
        PipelineResult r = solvedChain();
        ValuationResult projection = r.valuation("projection");
        assertEquals(300, projection.scenarioCount());
        assertSame(projection, r.valuation().orElseThrow());
        IllegalArgumentException notOne = assertThrows(IllegalArgumentException.class, () -> r.valuation("esg"));
        assertEquals("engine 'esg' wrote no scenario totals in this run (SUCCEEDED); engines with a valuation: [projection]",
                notOne.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> r.valuation("esgg"));
        assertTrue(unknown.getMessage().startsWith("no engine 'esgg' in this run"), unknown.getMessage());
    }

    @Test
    void theSolverOutcomeIsTypedWithItsHistory() {
        PipelineResult r = solvedChain();
        SolverOutcome s = r.solver("solver");
        assertTrue(s.converged(), s.message());
        assertEquals(s.evaluations(), s.history().size());
        SolverOutcome.Evaluation last = s.history().get(s.history().size() - 1);
        assertEquals(s.parameter("premium_rate"), last.parameters().get("premium_rate"));
        assertEquals(s.objective(), last.objective());
        assertEquals(last.objective(), last.metrics().get("mean_npv"), "objective = mean NPV - target 0");
        assertTrue(Math.abs(s.objective()) <= 1e-6, "mean NPV at the solution: " + s.objective());
        IllegalArgumentException noSuch = assertThrows(IllegalArgumentException.class, () -> s.parameter("lapse_multiplier"));
        assertEquals("the solver has no parameter 'lapse_multiplier'; its parameters: [premium_rate]", noSuch.getMessage());
    }
}
