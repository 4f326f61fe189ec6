package io.livecalc.api;

import java.util.Map;

/**
 * Values the portfolio at given parameters by re-running the part of a pipeline that depends on them (the
 * projection, not the ESG), reusing its buffers. The orchestrator builds one and hands it to engines that
 * implement {@link EvaluatorAware}, such as the solver.
 *
 * <p>Parameter names are the projection's: {@code premium_rate} (multiplies every premium),
 * {@code mortality_multiplier}, {@code lapse_multiplier}, {@code expense_multiplier}.
 */
@FunctionalInterface
public interface ParameterEvaluator {

    /**
     * @param parameters parameter name to value; parameters not given keep their configured values
     * @return the valuation at those parameters
     * @throws ConfigurationException   an unknown parameter name or a value out of range
     * @throws EngineExecutionException the re-run failed
     */
    ValuationResult evaluate(Map<String, Double> parameters);
}
