package io.livecalc.orchestrator.spi;

import java.util.Map;

/**
 * Runs a pipeline's policy stage (an engine fed by the policies data source) somewhere else than this JVM,
 * for example across a Spark cluster. Engines before the stage (ESG) and after it (solver) run in this JVM;
 * the runner hands the stage their buffers and keeps its scenario totals as if the engine had run here.
 *
 * <p>Contract: the scenario totals equal, per scenario, the sum of the engine's totals over the policies
 * (within rounding: the executor may add partial sums in another association than one local run does,
 * but must add them in a fixed order so that repeated runs are bit-identical). Per-pair output, when the
 * stage asks for it, is written by the executor itself, so that the policies never pass through this JVM.
 */
public interface StageExecutor extends AutoCloseable {

    /**
     * Runs the stage over every policy.
     *
     * @param parameters solver parameters overriding the engine's config ({@code premium_rate}, ...); empty
     *                   for the pipeline's own run. Runs with parameters write scenario totals only, and
     *                   should reuse what the first run distributed (policies, scenarios, assumptions).
     * @throws io.livecalc.api.ConfigurationException for stages the executor cannot run (an engine type or
     *                                                a data format it does not support)
     * @throws io.livecalc.api.EngineExecutionException when the work fails after the executor's own retries
     */
    PolicyStage.Outcome run(PolicyStage stage, Map<String, Double> parameters);

    /** Releases the cluster resources (broadcast data, cached policies, the session if it made one). */
    @Override
    void close();
}
