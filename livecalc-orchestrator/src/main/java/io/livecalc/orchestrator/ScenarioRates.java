package io.livecalc.orchestrator;

/**
 * Economic scenarios as a function: the short rate of scenario {@code scenario} (0-based, its scenario id) in
 * projection year {@code year} (1-based), as a scenarios file holds them. Given to
 * {@link PipelineBuilder#scenarios(String, int, int, ScenarioRates)}, it is called once per scenario and year
 * each time the pipeline runs.
 */
@FunctionalInterface
public interface ScenarioRates {

    /** @return a finite rate above -1 (a rate outside that is a problem reported with its scenario and year) */
    double rate(int scenario, int year);
}
