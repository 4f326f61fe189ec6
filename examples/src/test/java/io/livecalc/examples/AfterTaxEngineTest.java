package io.livecalc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.engines.ReferenceData;
import io.livecalc.orchestrator.DagValidationException;
import io.livecalc.orchestrator.Pipeline;
import io.livecalc.orchestrator.PipelineBuilder;
import io.livecalc.orchestrator.PipelineResult;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** README's custom engine, registered both ways: with the builder, and by ServiceLoader. */
class AfterTaxEngineTest {

    private static PipelineBuilder projection() {
        return Pipeline.builder()
                .policies("policies", ReferenceData.upstream("sample_policies.csv"))
                .scenarios("scenarios", ReferenceData.upstream("sample_scenarios.csv"))
                .engine("projection", "projection", e -> e.input("policies").input("scenarios")
                        .config(ReferenceData.sampleAssumptions()));
    }

    private static void assertAfterTax(UnaryOperator<PipelineBuilder> addEngine) {
        try (PipelineResult r = addEngine.apply(projection()).build().run()) {
            assertTrue(r.success(), r.engines().toString());
            double[] before = r.valuation("projection").scenarioNpvs();
            double[] after = r.valuation("tax").scenarioNpvs();
            assertEquals(3, after.length);
            for (int i = 0; i < 3; i++) {
                assertEquals(before[i] * (1 - 0.25), after[i], "scenario " + i);
            }
            assertEquals(-2925.131473 * 0.75, r.valuation("tax").mean(), 5e-7, "the original engine's mean, after tax");
        }
    }

    @Test
    void registeredWithTheBuilder() {
        assertAfterTax(b -> b.engine("tax", AfterTaxEngine::new, e -> e.input("projection.scenario_totals").config("tax_rate", 0.25)));
    }

    @Test
    void foundByServiceLoaderAndNamedByType() {
        assertAfterTax(b -> b.engine("tax", AfterTaxEngine.TYPE, e -> e.input("projection.scenario_totals").config("tax_rate", 0.25)));
    }

    @Test
    void itsConfigurationIsCheckedByBuildLikeABuiltInEngines() {
        DagValidationException e = assertThrows(DagValidationException.class, () -> projection()
                .engine("tax", AfterTaxEngine.TYPE, s -> s.input("projection.scenario_totals").config("tax_rate", 1.5)).build());
        assertTrue(e.getMessage().contains("config key 'tax_rate' = 1.5 must be in [0, 1)"), e.getMessage());
    }
}
