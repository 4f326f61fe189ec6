package io.livecalc.engines.solver;

import io.livecalc.api.AMCredentials;
import io.livecalc.api.BufferType;
import io.livecalc.api.ConfigProblem;
import io.livecalc.api.ConfigurationException;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EngineExecutionException;
import io.livecalc.api.EngineInfo;
import io.livecalc.api.EvaluatorAware;
import io.livecalc.api.ExecutionResult;
import io.livecalc.api.ICalcEngine;
import io.livecalc.api.ParameterEvaluator;
import io.livecalc.api.PortSpec;
import io.livecalc.api.ScenarioTotalRecord;
import io.livecalc.api.SolutionRecord;
import io.livecalc.api.ValuationResult;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The solver (type {@code solver}): finds projection parameters that meet a business objective, re-valuing
 * the portfolio through the {@link ParameterEvaluator} the orchestrator hands it ({@link EvaluatorAware});
 * the algorithms are Hipparchus's, wrapped so that every outcome is a {@link SolverResult}.
 *
 * <h2>Ports</h2>
 * In {@code scenario_totals} (SCENARIO_TOTAL, required): the valuation at the configured parameters, used
 * as the baseline of the message. Out {@code parameters} ({@link BufferType#SOLUTION}, one 56-byte
 * record): the solution. The full result with its history is {@link #lastResult()}.
 *
 * <h2>Config keys (flat, JSON scalars)</h2>
 * <pre>
 * objective        npv_target (default) | minimize | maximize
 * metric           mean_npv (default) | std_dev | cte_95 | p50 | p75 | p90 | p95 | p99
 * target           npv_target only, required: the metric value to hit
 * tolerance        npv_target: |metric - target| to accept (default 1e-6 max(1, |target|));
 *                  otherwise the optimiser's relative tolerance (default 1e-8)
 * parameters       comma-separated, default "premium_rate": any of premium_rate, mortality_multiplier,
 *                  lapse_multiplier, expense_multiplier (the projection's), or &lt;engine&gt;.&lt;key&gt;, a numeric config
 *                  key of an engine upstream (e.g. esg.drift): the orchestrator re-runs that engine and every
 *                  engine between it and the scenario totals at each evaluation
 * &lt;p&gt;.lower, &lt;p&gt;.upper   required bounds of each listed parameter, lower &lt; upper (0 &lt; lower for the projection's)
 * &lt;p&gt;.initial       start (default 1 when inside the bounds, else the midpoint)
 * constraint.&lt;n&gt;.metric, constraint.&lt;n&gt;.operator (&gt;= default, &lt;=, ==), constraint.&lt;n&gt;.value
 *                  for n = 1, 2, ...; held within constraint_tolerance (default 1e-6, relative to max(1, |value|))
 * algorithm        brent (default for one parameter), secant (alias newton), bisection (one-parameter
 *                  targets), nelder_mead (default for several), bobyqa (two or more parameters)
 * max_iterations   default 100;  max_evaluations  default 200;  timeout_seconds  default 300
 * </pre>
 * For example, in a DAG: {@code "config": {"target": 0, "premium_rate.lower": 0.5, "premium_rate.upper": 3}}
 * finds the premium rate at which the mean NPV is zero.
 *
 * <h2>Outcomes</h2>
 * <ul>
 *   <li>converged: {@code ExecutionResult.success}, {@code SolverResult.converged()};</li>
 *   <li>timeout, iteration or evaluation limit: success marked {@linkplain ExecutionResult#partial() partial},
 *       {@code partial_result = true}, the best point so far (a feasible point first, then the closest to
 *       the target or the best objective);</li>
 *   <li>no bracket, an algorithm failure, a failed re-valuation: {@code ExecutionResult.failure} whose message
 *       says why; {@link #lastResult()} still holds the history and best point.</li>
 * </ul>
 * Configuration problems are all reported at once by {@link #initialize} in one {@link ConfigurationException}.
 */
public final class SolverEngine implements ICalcEngine, EvaluatorAware {

    public static final String TYPE = "solver";
    public static final String PORT_SCENARIO_TOTALS = "scenario_totals";
    public static final String PORT_PARAMETERS = "parameters";

    private static final EngineInfo INFO = new EngineInfo("Java Solver Engine", "0.1.0", TYPE, false,
            BufferType.SCENARIO_TOTAL.maxRecords() * ScenarioTotalRecord.SIZE,
            List.of(PortSpec.required(PORT_SCENARIO_TOTALS, BufferType.SCENARIO_TOTAL, "the valuation at the configured parameters")),
            List.of(PortSpec.required(PORT_PARAMETERS, BufferType.SOLUTION, "the solved parameters, one SOLUTION record")));

    private final LongSupplier nanoClock;
    private SolverSettings settings;
    private ParameterEvaluator evaluator;
    private volatile SolverResult lastResult;

    public SolverEngine() {
        this(System::nanoTime);
    }

    /** An engine reading time from {@code nanoClock} (tests drive timeouts with it). */
    SolverEngine(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Every problem of {@code config}, without creating an engine (what {@code initialize} would refuse). */
    public static List<ConfigProblem> checkConfig(EngineConfig config) {
        return SolverSettings.check(config);
    }

    @Override
    public EngineInfo getInfo() {
        return INFO;
    }

    @Override
    public void initialize(EngineConfig config, AMCredentials credentials) {
        dispose();
        settings = SolverSettings.parse(config);
    }

    @Override
    public void setEvaluator(ParameterEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    /**
     * Runs the solve. {@code input}: the baseline SCENARIO_TOTAL records; {@code output}: at least one
     * SOLUTION record.
     *
     * @throws IllegalStateException    not initialised, or no evaluator was set
     * @throws EngineExecutionException the input is not SCENARIO_TOTAL records or the output is too small
     */
    @Override
    public java.util.OptionalLong outputRecords(String port, Map<String, MemorySegment> inputs) {
        return java.util.OptionalLong.of(1); // one SOLUTION record
    }

    @Override
    public ExecutionResult runChunk(MemorySegment input, MemorySegment output) {
        SolverSettings s = settings;
        if (s == null) {
            throw new IllegalStateException("engine '" + TYPE + "' is not initialised");
        }
        if (evaluator == null) {
            throw new IllegalStateException("engine '" + s.engineId + "': no evaluator; the orchestrator calls setEvaluator before runChunk");
        }
        if (input == null || input.byteSize() == 0 || input.byteSize() % ScenarioTotalRecord.SIZE != 0) {
            throw new EngineExecutionException("engine '" + s.engineId + "': input '" + PORT_SCENARIO_TOTALS + "' has "
                    + (input == null ? 0 : input.byteSize()) + " bytes, not a positive whole number of "
                    + ScenarioTotalRecord.SIZE + "-byte SCENARIO_TOTAL records");
        }
        if (output == null || output.byteSize() < SolutionRecord.SIZE) {
            throw new EngineExecutionException("engine '" + s.engineId + "': output '" + PORT_PARAMETERS + "' too small: needs "
                    + SolutionRecord.SIZE + " bytes (1 SOLUTION record), given " + (output == null ? 0 : output.byteSize()) + " bytes");
        }
        long start = System.nanoTime();
        double baseline = ValuationResult.ofScenarioTotals(input, 0).metric(s.metric);
        SolverResult r = new Search(s, evaluator, nanoClock).run();
        r = new SolverResult(r.parameters(), r.objective(), r.converged(), r.iterations(), r.evaluations(), r.history(),
                r.partialResult(), r.message() + " (baseline " + s.metric + " " + baseline + ")");
        lastResult = r;
        SolutionRecord.write(output, r.parameters(), r.objective(), r.iterations(), r.evaluations(), r.converged(), r.partialResult());
        double ms = (System.nanoTime() - start) / 1e6;
        if (r.converged()) {
            return ExecutionResult.success(ms, r.evaluations(), SolutionRecord.SIZE);
        }
        if (r.partialResult()) {
            return ExecutionResult.success(ms, r.evaluations(), SolutionRecord.SIZE).asPartial(r.message());
        }
        return ExecutionResult.failure(ms, "engine '" + s.engineId + "': " + r.message());
    }

    @Override
    public ExecutionResult runChunk(Map<String, MemorySegment> inputs, Map<String, MemorySegment> outputs) {
        SolverSettings s = settings;
        String id = s == null ? TYPE : s.engineId;
        MemorySegment in = inputs.get(PORT_SCENARIO_TOTALS);
        MemorySegment out = outputs.get(PORT_PARAMETERS);
        if (in == null || out == null || inputs.size() != 1 || outputs.size() != 1) {
            throw new ConfigurationException("engine '" + id + "': ports are input '" + PORT_SCENARIO_TOTALS + "' and output '"
                    + PORT_PARAMETERS + "'; given inputs " + inputs.keySet() + " and outputs " + outputs.keySet());
        }
        return runChunk(in, out);
    }

    /** The result of the last {@code runChunk}, or {@code null} before the first. */
    public SolverResult lastResult() {
        return lastResult;
    }

    /** The last solve (parameters, objective, convergence, history) for the run summary. */
    @Override
    public Map<String, Object> report() {
        SolverResult r = lastResult;
        if (r == null) {
            return Map.of();
        }
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(r.toJson(),
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("solver result not serialisable: " + e.getMessage(), e);
        }
    }

    @Override
    public void dispose() {
        settings = null;
    }

    @Override
    public boolean isInitialized() {
        return settings != null;
    }
}
