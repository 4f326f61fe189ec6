package io.livecalc.spark;

import io.livecalc.orchestrator.ExecutionEngine;
import io.livecalc.orchestrator.spi.StageExecutor;
import io.livecalc.orchestrator.spi.StageExecutorProvider;

/**
 * The {@code "spark"} execution engine: a pipeline whose DAG says
 * {@code "execution": {"engine": "spark", "master": "local[2]", "partitions": 8}} (or that is run with
 * {@code livecalc run --spark local[2]}) runs its projection stage on Spark when this module and Spark are
 * on the class path. Registered for {@link java.util.ServiceLoader}.
 */
public final class SparkStageExecutorProvider implements StageExecutorProvider {

    /** The execution engine name. */
    public static final String NAME = "spark";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StageExecutor open(ExecutionEngine engine) {
        return new SparkStageExecutor(engine);
    }
}
