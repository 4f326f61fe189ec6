package io.livecalc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.api.SolutionRecord;
import io.livecalc.orchestrator.Pipeline;
import io.livecalc.orchestrator.PipelineBuilder;
import io.livecalc.orchestrator.PipelineResult;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dag_config_python_pipeline.json: python_esg -> projection -> python_solver, with and without scipy. */
class PythonPipelineExampleTest {

    private static final Path EXAMPLES = ExamplesTest.EXAMPLES;

    @TempDir
    Path out;

    private static double premiumRate(PipelineResult r) {
        Map<?, ?> solution = (Map<?, ?>) r.reports().get("solver");
        assertEquals(Boolean.TRUE, solution.get("converged"), solution.toString());
        assertTrue(((Number) solution.get("evaluations")).intValue() <= 5, "mean NPV is affine in the premium rate: " + solution);
        assertTrue(((java.util.List<?>) solution.get("history")).size() == ((Number) solution.get("evaluations")).intValue());
        return ((Number) ((Map<?, ?>) solution.get("parameters")).get(SolutionRecord.PARAMETERS.get(0))).doubleValue();
    }

    @Test
    void thePythonPipelineFindsTheBreakEvenPremiumRateWithScipyAndWithThePlainBrent() {
        PipelineResult scipy = PipelineBuilder.fromJson(EXAMPLES.resolve("dag_config_python_pipeline.json")).outputDirectory(out).build().run();
        assertTrue(scipy.success(), scipy.engines().toString());
        PipelineResult plain = PipelineBuilder.fromJson(EXAMPLES.resolve("dag_config_python_pipeline.json")).set("solver", "use_scipy", "false")
                .outputDirectory(out.resolve("plain")).build().run();
        assertTrue(plain.success(), plain.engines().toString());
        double rate = premiumRate(scipy);
        assertEquals(rate, premiumRate(plain), 1e-9 * rate);
        assertTrue(((String) ((Map<?, ?>) scipy.reports().get("solver")).get("message")).contains("(scipy)"));
        assertTrue(((String) ((Map<?, ?>) plain.reports().get("solver")).get("message")).contains("(plain Python)"));
        // Independent check: the chain without the solver, at that premium rate, has a mean NPV of zero.
        PipelineResult check = Pipeline.builder()
                .policies("policies", EXAMPLES.resolve("data/policies_10000.csv"))
                .engine("esg", "python_esg", e -> e.config("model", "nested").config("seed", 42))
                .engine("projection", "projection", e -> e.input("policies").input("esg.scenarios")
                        .config("mortality_table", EXAMPLES.resolve("data/sample_mortality.csv").toString())
                        .config("lapse_table", EXAMPLES.resolve("data/sample_lapse.csv").toString())
                        .config("expenses", EXAMPLES.resolve("data/sample_expenses.csv").toString())
                        .config("premium_rate", rate))
                .build().run();
        assertTrue(check.success(), check.engines().toString());
        assertTrue(Math.abs(check.valuation().orElseThrow().mean()) < 1e-3, "mean NPV at " + rate + ": " + check.valuation().orElseThrow());
    }
}
