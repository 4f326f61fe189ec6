package io.livecalc.examples;

import io.livecalc.orchestrator.Pipeline;
import io.livecalc.orchestrator.PipelineResult;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The full pipeline in code: an ESG (nested, 10 x 100 paths) feeds the projection of 10,000 policies, and a
 * solver finds the premium rate at which the mean NPV is zero. The same pipeline as
 * {@code examples/dag_config_full_pipeline.json}; {@code main} also writes the HTML run report. Run from the repository root:
 * {@code ./mvnw -q -pl examples -am package} then the main method with the JVM flags of the README.
 */
public final class FullPipeline {

    public static void main(String[] args) {
        Path examples = args.length > 0 ? Path.of(args[0]) : Path.of("examples");
        PipelineResult r = run(examples, examples.resolve("output"));
        System.out.println("break-even premium rate: " + r.reports().get("solver"));
        System.out.println("report: " + r.writeReport(examples.resolve("output/full_pipeline_report.html"))); // the HTML run report
    }

    public static PipelineResult run(Path examples, Path outputDir) {
        Path data = examples.resolve("data");
        return Pipeline.builder()
                .policies("policies", data.resolve("policies_10000.csv"))
                .engine("esg", "esg", e -> e
                        .config("model", "nested").config("outer_paths", 10).config("inner_paths_per_outer", 100)
                        .config("projection_years", 50).config("seed", 42))
                .engine("projection", "projection", e -> e
                        .input("policies").input("esg.scenarios")
                        .config("mortality_table", data.resolve("sample_mortality.csv").toString())
                        .config("lapse_table", data.resolve("sample_lapse.csv").toString())
                        .config("expenses", data.resolve("sample_expenses.csv").toString()))
                .engine("solver", "solver", e -> e
                        .input("projection.scenario_totals")
                        .config("objective", "npv_target").config("metric", "mean_npv").config("target", 0)
                        .config("parameters", "premium_rate")
                        .config("premium_rate.lower", 0.5).config("premium_rate.upper", 5.0))
                .output(outputDir.resolve("full_pipeline_totals.parquet"), "projection.scenario_totals")
                .timeout(Duration.ofMinutes(2))
                .build()
                .run();
    }

    private FullPipeline() {
    }
}
