package io.livecalc.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.engines.ReferenceData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The solver re-runs exactly the engines between the parameter it moves and its scenario totals. */
class SolverChainTest {

    /** Evaluations as the listener reports them: which engines each one re-ran. */
    static final class Evaluations implements PipelineListener {
        final List<List<String>> engines = new ArrayList<>();

        @Override
        public synchronized void evaluationCompleted(String solverId, int evaluation, List<String> ran, Map<String, Double> parameters) {
            assertEquals(engines.size() + 1, evaluation);
            engines.add(ran);
        }
    }

    private static PipelineBuilder esgToProjection(double drift) {
        return Pipeline.builder()
                .policies("policies", ReferenceData.upstream("sample_policies.csv"))
                .engine("esg", "esg", e -> e.config("model", "gbm").config("num_scenarios", 200).config("seed", 42).config("drift", drift))
                .engine("projection", "projection", e -> e.input("policies").input("esg.scenarios")
                        .config(ReferenceData.sampleAssumptions()));
    }

    private static double meanNpvAtDrift(double drift) {
        try (PipelineResult r = esgToProjection(drift).build().run()) {
            assertTrue(r.success(), r.engines().toString());
            return r.valuation("projection").mean();
        }
    }

    @Test
    void aRateDriftOwnedByTheEsgReRunsEsgThenProjectionAtEveryEvaluation() {
        double target = meanNpvAtDrift(0.004); // the drift the solver must find again
        Pipeline pipeline = esgToProjection(0.0)
                .engine("solver", "solver", e -> e.input("projection.scenario_totals")
                        .config("objective", "npv_target").config("metric", "mean_npv").config("target", target).config("tolerance", 1e-9)
                        .config("parameters", "esg.drift").config("esg.drift.lower", -0.01).config("esg.drift.upper", 0.02)
                        .config("esg.drift.initial", 0.0))
                .build();
        Evaluations seen = new Evaluations();
        double solved;
        try (PipelineResult r = pipeline.run(seen)) {
            assertTrue(r.success(), r.engines().toString());
            SolverOutcome s = r.solver("solver");
            assertTrue(s.converged(), s.message());
            solved = s.parameter("esg.drift");
            assertEquals(0.004, solved, 1e-6);
            assertEquals(s.evaluations(), seen.engines.size());
            assertTrue(seen.engines.size() >= 3, seen.engines.toString());
            seen.engines.forEach(ran -> assertEquals(List.of("esg", "projection"), ran));
            // independently: a fresh pipeline at the solved drift values exactly as the solver's last evaluation did
            SolverOutcome.Evaluation last = s.history().get(s.history().size() - 1);
            assertEquals(solved, last.parameters().get("esg.drift"));
            assertEquals(meanNpvAtDrift(solved), last.metrics().get("mean_npv"));
            assertEquals(0.0, r.valuation("projection").mean() - meanNpvAtDrift(0.0), "the run's own valuation stays at the configured drift");
        }
        Evaluations again = new Evaluations();
        try (PipelineResult r = pipeline.run(again)) {
            assertEquals(0, r.buffersAllocated(), "the evaluations' buffers are kept too: " + r.buffers());
            assertEquals(solved, r.solver("solver").parameter("esg.drift"));
            assertEquals(seen.engines, again.engines);
        }
    }

    @Test
    void aProjectionParameterReRunsTheProjectionAlone() {
        Evaluations seen = new Evaluations();
        try (PipelineResult r = esgToProjection(0.0)
                .engine("solver", "solver", e -> e.input("projection.scenario_totals")
                        .config("objective", "npv_target").config("metric", "mean_npv").config("target", 0)
                        .config("parameters", "premium_rate").config("premium_rate.lower", 0.5).config("premium_rate.upper", 10.0))
                .build().run(seen)) {
            assertTrue(r.success(), r.engines().toString());
            assertEquals(r.solver("solver").evaluations(), seen.engines.size());
            seen.engines.forEach(ran -> assertEquals(List.of("projection"), ran));
        }
    }

    @Test
    void aParameterOfAnEngineNotUpstreamIsAProblemOfBuildNamingTheEnginesItCouldMove() {
        DagValidationException e = assertThrows(DagValidationException.class, () -> esgToProjection(0.0)
                .engine("solver", "solver", s -> s.input("projection.scenario_totals")
                        .config("objective", "npv_target").config("metric", "mean_npv").config("target", 0)
                        .config("parameters", "other.drift").config("other.drift.lower", -0.01).config("other.drift.upper", 0.02))
                .build());
        assertEquals(List.of(new DagProblem("engine(\"solver\")", "engine 'solver': parameter 'other.drift' names engine 'other', which is"
                + " not 'projection' or upstream of it; engines upstream: [projection, esg]")), e.problems());
    }
}
