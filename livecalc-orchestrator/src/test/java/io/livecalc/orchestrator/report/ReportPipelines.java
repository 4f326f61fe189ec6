package io.livecalc.orchestrator.report;

import io.livecalc.engines.ReferenceData;
import io.livecalc.orchestrator.Pipeline;
import io.livecalc.orchestrator.PipelineResult;
import java.nio.file.Path;

/** Real pipelines (ESG, projection, solver on the reference data) whose summaries the report tests draw. */
public final class ReportPipelines {

    private ReportPipelines() {
    }

    /**
     * Nested ESG ({@code outer} x {@code inner} scenarios, 50 years) -> projection of the 10 sample policies ->
     * solver for the break-even premium rate; the totals go to {@code dir/totals.parquet}, the summary beside them.
     */
    public static PipelineResult nestedWithSolver(Path dir, int outer, int inner) {
        return Pipeline.builder()
                .policies("policies", ReferenceData.upstream("sample_policies.csv"))
                .engine("esg", "esg", e -> e.config("model", "nested").config("outer_paths", outer)
                        .config("inner_paths_per_outer", inner).config("projection_years", 50).config("seed", 42))
                .engine("projection", "projection", e -> e.input("policies").input("esg.scenarios")
                        .config("mortality_table", ReferenceData.upstream("sample_mortality.csv").toString())
                        .config("lapse_table", ReferenceData.upstream("sample_lapse.csv").toString())
                        .config("expenses", ReferenceData.upstream("sample_expenses.csv").toString()))
                .engine("solver", "solver", e -> e.input("projection.scenario_totals").config("objective", "npv_target")
                        .config("metric", "mean_npv").config("target", 0).config("parameters", "premium_rate")
                        .config("premium_rate.initial", 1.0).config("premium_rate.lower", 0.1).config("premium_rate.upper", 10.0)
                        .config("algorithm", "brent"))
                .output(dir.resolve("totals.parquet"), "projection.scenario_totals")
                .build().run();
    }

    /** Vasicek ESG with {@code scenarios} scenarios, 50 years -> projection of the 10 sample policies, totals to {@code dir}. */
    public static PipelineResult vasicek(Path dir, int scenarios) {
        return Pipeline.builder()
                .policies("policies", ReferenceData.upstream("sample_policies.csv"))
                .engine("esg", "esg", e -> e.config("model", "vasicek").config("num_scenarios", scenarios)
                        .config("projection_years", 50).config("seed", 7))
                .engine("projection", "projection", e -> e.input("policies").input("esg.scenarios")
                        .config("mortality_table", ReferenceData.upstream("sample_mortality.csv").toString())
                        .config("lapse_table", ReferenceData.upstream("sample_lapse.csv").toString())
                        .config("expenses", ReferenceData.upstream("sample_expenses.csv").toString()))
                .output(dir.resolve("totals.parquet"), "projection.scenario_totals")
                .build().run();
    }
}
