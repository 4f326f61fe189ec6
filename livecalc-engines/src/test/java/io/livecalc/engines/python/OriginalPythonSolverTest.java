package io.livecalc.engines.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.api.BufferType;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EvaluatorAware;
import io.livecalc.api.ExecutionResult;
import io.livecalc.api.ICalcEngine;
import io.livecalc.api.ScenarioTotalRecord;
import io.livecalc.api.SolutionRecord;
import io.livecalc.api.ValuationResult;
import io.livecalc.buffers.BufferManager;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The original system's Python solver class itself (test resources original/python-solver, copied unchanged:
 * initialize, optimize(projection_callback), no runChunk) runs as engine type {@code python} with its own
 * configuration: a list of parameter dicts and an objective dict, as its DAGs would give them.
 */
class OriginalPythonSolverTest {

    private static final Path ORIGINAL = Path.of("src/test/resources/original/python-solver").toAbsolutePath();

    /** Two scenarios, 1000 x premium_rate + 500 +- 100: the mean NPV is 1000 x premium_rate + 500. */
    private static ValuationResult valuation(Map<String, Double> p) {
        double mean = 1000 * p.getOrDefault("premium_rate", 1.0) + 500;
        return new ValuationResult(new long[] {0, 1}, new double[] {mean - 100, mean + 100}, 0);
    }

    @Test
    void theOriginalSolverClassMaximisesTheMeanNpvWithinItsBoundsThroughTheJvmsValuations() {
        Map<String, Object> config = new LinkedHashMap<>(Map.of("python.path", ORIGINAL.toString(), "python.module", "src.solver_engine",
                "python.class", "SolverEngine"));
        // the original's own keys; the mean NPV is highest at the upper bound, 3.0
        config.put("parameters", List.of(Map.of("name", "premium_rate", "initial", 1.0, "lower", 0.5, "upper", 3.0)));
        config.put("objective", Map.of("metric", "mean_npv", "direction", "maximize"));
        config.put("algorithm", "slsqp");
        config.put("timeout_seconds", 60);
        try (BufferManager buffers = new BufferManager(); ICalcEngine solver = new PythonEngineProvider().create()) {
            MemorySegment totals = buffers.allocateShared(BufferType.SCENARIO_TOTAL, "totals", 2).segment();
            for (int s = 0; s < 2; s++) {
                ScenarioTotalRecord.scenarioId(totals, s, s);
                ScenarioTotalRecord.npv(totals, s, valuation(Map.of()).scenarioNpvs()[s]);
            }
            MemorySegment solution = buffers.allocateShared(BufferType.SOLUTION, "solution", 1).segment();
            solver.initialize(EngineConfig.of("solver", config), null);
            ((EvaluatorAware) solver).setEvaluator(OriginalPythonSolverTest::valuation);
            ExecutionResult r = solver.runChunk(Map.of("scenario_totals", totals), Map.of("parameters", solution));
            assertTrue(r.success(), r.toString());
            assertEquals(3.0, SolutionRecord.parameter(solution, "premium_rate"), 1e-9, "the SOLUTION record, written in place");
            // the original reports the objective of its last valuation, a finite-difference step (1.5e-8) from 3.0
            assertEquals(3500.0, SolutionRecord.objective(solution), 1e-4);
            // what the original class itself says of this run (run directly, it gives the same): not converged, a partial result
            assertEquals(SolutionRecord.PARTIAL_RESULT, SolutionRecord.flags(solution));
            assertEquals(4, SolutionRecord.evaluations(solution), "each a re-valuation in the JVM");
            @SuppressWarnings("unchecked")
            Map<String, Object> parameters = (Map<String, Object>) solver.report().get("parameters");
            assertEquals(3.0, ((Number) parameters.get("premium_rate")).doubleValue(), 1e-9);
        }
    }
}
