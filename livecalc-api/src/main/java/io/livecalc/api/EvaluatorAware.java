package io.livecalc.api;

/**
 * An engine that needs to re-value the portfolio at other parameters (a solver). The orchestrator calls
 * {@link #setEvaluator} after {@code initialize} and before the first {@code runChunk}.
 */
public interface EvaluatorAware {
    void setEvaluator(ParameterEvaluator evaluator);
}
