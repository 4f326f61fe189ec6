package io.livecalc.orchestrator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A solver engine's result, typed: read from its report ({@link PipelineResult#solver(String)}).
 *
 * @param parameters  the parameter values found (the solution, or the best point so far), by name
 * @param objective   the objective metric at {@code parameters} ({@code NaN} when nothing was evaluated)
 * @param converged   the tolerance was met and every constraint holds
 * @param iterations  algorithm iterations
 * @param evaluations valuations requested
 * @param history     every evaluation, in order
 * @param partial     stopped by a timeout or a limit: {@code parameters} is the best point so far
 * @param message     one sentence on the outcome
 */
public record SolverOutcome(Map<String, Double> parameters, double objective, boolean converged, int iterations, int evaluations,
                            List<Evaluation> history, boolean partial, String message) {

    public SolverOutcome {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        history = List.copyOf(history);
    }

    /**
     * One valuation of the search.
     *
     * @param evaluation 1-based number
     * @param elapsedMs  milliseconds since the solve started
     * @param parameters the parameter values evaluated
     * @param objective  the objective metric's value
     * @param metrics    every metric of that valuation ({@code mean_npv}, {@code std_dev}, {@code cte_95}, {@code p50}..{@code p99})
     * @param feasible   every constraint held
     */
    public record Evaluation(int evaluation, double elapsedMs, Map<String, Double> parameters, double objective,
                             Map<String, Double> metrics, boolean feasible) {
        public Evaluation {
            parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }
    }

    /** The value found for one parameter. */
    public double parameter(String name) {
        Double v = parameters.get(name);
        if (v == null) {
            throw new IllegalArgumentException("the solver has no parameter '" + name + "'; its parameters: " + parameters.keySet());
        }
        return v;
    }

    /** Reads a solver engine's report (its JSON result as a map). */
    static SolverOutcome of(String engineId, Map<String, Object> report) {
        if (!report.containsKey("parameters") || !report.containsKey("history")) {
            throw new IllegalArgumentException("engine '" + engineId + "' is not a solver: its report has " + report.keySet());
        }
        try {
            return read(report);
        } catch (RuntimeException e) { // a missing or mistyped field: name the engine, not a bare NPE
            throw new IllegalArgumentException("engine '" + engineId + "': malformed solver report (" + e + "): " + report.keySet(), e);
        }
    }

    private static SolverOutcome read(Map<String, Object> report) {
        List<Evaluation> history = new ArrayList<>();
        for (Object o : (List<?>) report.get("history")) {
            Map<?, ?> e = (Map<?, ?>) o;
            history.add(new Evaluation(((Number) e.get("evaluation")).intValue(), number(e.get("elapsed_ms")), doubles(e.get("parameters")),
                    number(e.get("objective")), doubles(e.get("metrics")), Boolean.TRUE.equals(e.get("feasible"))));
        }
        return new SolverOutcome(doubles(report.get("parameters")), number(report.get("objective")),
                Boolean.TRUE.equals(report.get("converged")), ((Number) report.get("iterations")).intValue(),
                ((Number) report.get("evaluations")).intValue(), history, Boolean.TRUE.equals(report.get("partial_result")),
                String.valueOf(report.get("message")));
    }

    private static Map<String, Double> doubles(Object map) {
        Map<String, Double> out = new LinkedHashMap<>();
        ((Map<?, ?>) map).forEach((k, v) -> out.put(String.valueOf(k), number(v)));
        return out;
    }

    /** A JSON number; NaN and the infinities arrive as text. */
    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(value));
    }
}
