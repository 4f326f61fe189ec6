package io.livecalc.engines.solver;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a solve produced: immutable, exportable as JSON ({@link #toJson()}) and as flat rows for a Parquet
 * or CSV writer ({@link #historyRows()}).
 *
 * @param parameters    the returned parameter values (the solution, or the best point so far), by name
 * @param objective     the objective metric's value at {@code parameters} ({@code NaN} when nothing was evaluated)
 * @param converged     whether the algorithm met its tolerance and every constraint holds
 * @param iterations    algorithm iterations (root finders: one per evaluation)
 * @param evaluations   valuations requested from the evaluator
 * @param history       every evaluation, in order
 * @param partialResult stopped by timeout or an iteration/evaluation limit: {@code parameters} is the best
 *                      point so far
 * @param message       one sentence on the outcome, naming the cause of a failure
 */
public record SolverResult(Map<String, Double> parameters, double objective, boolean converged, int iterations, int evaluations,
                           List<Evaluation> history, @JsonProperty("partial_result") boolean partialResult, String message) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public SolverResult {
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        history = List.copyOf(history);
    }

    /**
     * One valuation of the search.
     *
     * @param evaluation 1-based number
     * @param elapsedMs  milliseconds since the solve started, when the valuation returned
     * @param parameters the parameter values evaluated
     * @param objective  the objective metric's value
     * @param metrics    every metric of the valuation ({@code mean_npv, std_dev, cte_95, p50..p99})
     * @param feasible   whether every constraint held (within its tolerance)
     */
    public record Evaluation(int evaluation, @JsonProperty("elapsed_ms") double elapsedMs, Map<String, Double> parameters,
                             double objective, Map<String, Double> metrics, boolean feasible) {
        public Evaluation {
            parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
            metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }
    }

    /** The result as a JSON object: {@code parameters, objective, converged, iterations, evaluations, history, partial_result, message}. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The history as flat rows with the same columns each: {@code evaluation, elapsed_ms}, one column per
     * parameter, {@code objective}, one per metric, {@code feasible}. Column order is stable, for a Parquet
     * schema.
     */
    public List<Map<String, Object>> historyRows() {
        List<Map<String, Object>> rows = new ArrayList<>(history.size());
        for (Evaluation e : history) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("evaluation", e.evaluation());
            row.put("elapsed_ms", e.elapsedMs());
            row.putAll(e.parameters());
            row.put("objective", e.objective());
            row.putAll(e.metrics());
            row.put("feasible", e.feasible());
            rows.add(row);
        }
        return rows;
    }
}
