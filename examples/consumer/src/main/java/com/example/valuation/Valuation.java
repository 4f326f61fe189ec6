package com.example.valuation;

import io.livecalc.api.ValuationResult;
import io.livecalc.orchestrator.Pipeline;
import io.livecalc.orchestrator.PipelineResult;
import java.nio.file.Path;

/** An application's valuation: the original system's sample policies and assumptions, from CSV files. */
public final class Valuation {

    private Valuation() {
    }

    /** Values the sample policies under the three sample scenarios. */
    public static PipelineResult run(Path data) {
        return Pipeline.builder()
                .policies("policies", data.resolve("sample_policies.csv"))
                .scenarios("scenarios", data.resolve("sample_scenarios.csv"))
                .engine("projection", "projection", e -> e
                        .input("policies").input("scenarios")
                        .config("mortality_table", data.resolve("sample_mortality.csv").toString())
                        .config("lapse_table", data.resolve("sample_lapse.csv").toString())
                        .config("expenses", data.resolve("sample_expenses.csv").toString()))
                .build()
                .run();
    }

    /** An ESG feeding the projection: the chain the benchmark times. */
    public static Pipeline esgToProjection(Path data, int outerPaths, int innerPaths) {
        return Pipeline.builder()
                .policies("policies", data.resolve("sample_policies.csv"))
                .engine("esg", "esg", e -> e
                        .config("model", "nested").config("outer_paths", outerPaths).config("inner_paths_per_outer", innerPaths)
                        .config("projection_years", 50).config("seed", 42))
                .engine("projection", "projection", e -> e
                        .input("policies").input("esg.scenarios")
                        .config("mortality_table", data.resolve("sample_mortality.csv").toString())
                        .config("lapse_table", data.resolve("sample_lapse.csv").toString())
                        .config("expenses", data.resolve("sample_expenses.csv").toString()))
                .build();
    }

    public static void main(String[] args) {
        PipelineResult r = run(Path.of(args.length > 0 ? args[0] : "data"));
        ValuationResult v = r.valuation().orElseThrow();
        System.out.printf("%d scenarios, mean NPV %.6f%n", v.scenarioCount(), v.metric("mean_npv"));
    }
}
