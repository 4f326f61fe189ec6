package io.livecalc.orchestrator.spi;

import io.livecalc.orchestrator.ExecutionEngine;

/**
 * Makes {@link StageExecutor}s of one name ({@code "spark"}); registered in
 * {@code META-INF/services/io.livecalc.orchestrator.spi.StageExecutorProvider} and found by
 * {@link java.util.ServiceLoader} when the pipeline's {@link ExecutionEngine} has that name. The orchestrator
 * has no compile-time dependency on any executor.
 */
public interface StageExecutorProvider {

    /** The {@code execution.engine} value that selects this executor, lower case. */
    String name();

    /**
     * Connects to the cluster {@code engine} describes (master URL, partitions). Called once per pipeline
     * run; the runner closes the executor when the run ends.
     *
     * @throws io.livecalc.api.ConfigurationException when the settings are wrong (e.g. a bad master URL)
     */
    StageExecutor open(ExecutionEngine engine);
}
