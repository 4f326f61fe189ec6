package io.livecalc.api;

import java.util.Map;

/**
 * Values the portfolio at given parameters by re-running exactly the part of a pipeline that depends on them,
 * reusing its buffers. The orchestrator builds one and hands it to engines that implement {@link EvaluatorAware},
 * such as the solver.
 *
 * <p>Parameter names are the projection's: {@code premium_rate} (multiplies every premium),
 * {@code mortality_multiplier}, {@code lapse_multiplier}, {@code expense_multiplier} (only the projection runs
 * again); or {@code engine.key}, a numeric config key of an engine upstream, e.g. {@code esg.drift} (that engine
 * and every engine between it and the valuation run again).
 */
@FunctionalInterface
public interface ParameterEvaluator {

    /**
     * Whether a parameter name is another engine's config key, {@code engine.key} (e.g. {@code esg.drift}), rather
     * than one of the projection's parameters.
     */
    static boolean isEngineKey(String parameter) {
        return parameter != null && parameter.matches("[A-Za-z][A-Za-z0-9_-]*\\.[a-z_][a-z0-9_]*");
    }

    /**
     * @param parameters parameter name to value; parameters not given keep their configured values
     * @return the valuation at those parameters
     * @throws ConfigurationException   an unknown parameter name or a value out of range
     * @throws EngineExecutionException the re-run failed
     */
    ValuationResult evaluate(Map<String, Double> parameters);
}
