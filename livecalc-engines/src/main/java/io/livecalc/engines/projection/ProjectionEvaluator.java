package io.livecalc.engines.projection;

import io.livecalc.api.ConfigurationException;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.ParameterEvaluator;
import io.livecalc.api.ScenarioTotalRecord;
import io.livecalc.api.ValuationResult;
import io.livecalc.engines.scenario.GbmScenarioGenerator;
import io.livecalc.engines.scenario.ScenarioSet;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ParameterEvaluator} that re-runs a {@link ProjectionEngine} over fixed policy and scenario
 * buffers (the ESG ran once), writing into the same scenario-totals buffer every time. Each evaluation
 * re-initialises the engine with the base configuration plus the parameters as config keys
 * ({@code premium_rate}, {@code mortality_multiplier}, {@code lapse_multiplier}, {@code expense_multiplier}).
 *
 * <p>Not thread-safe; {@link #close()} releases the engine and the totals buffer.
 */
public final class ProjectionEvaluator implements ParameterEvaluator, AutoCloseable {

    /** The parameters a solver may tune. */
    public static final List<String> PARAMETERS = List.of("premium_rate", "mortality_multiplier", "lapse_multiplier", "expense_multiplier");

    private final EngineConfig base;
    private final MemorySegment policies;
    private final MemorySegment scenarios;
    private final Arena arena = Arena.ofShared();
    private final ProjectionEngine engine = new ProjectionEngine();
    private final MemorySegment totals;

    /**
     * @param base      the projection's configuration (assumptions, threads, ...)
     * @param policies  INPUT records
     * @param scenarios SCENARIO records, or {@code null} for the engine's own GBM scenarios
     */
    public ProjectionEvaluator(EngineConfig base, MemorySegment policies, MemorySegment scenarios) {
        this.base = base;
        this.policies = policies;
        this.scenarios = scenarios;
        int count = scenarios != null ? ScenarioSet.fromRecords(scenarios).count()
                : base.getInt("num_scenarios", GbmScenarioGenerator.Parameters.orchestratorDefaults().count());
        this.totals = arena.allocate(count * ScenarioTotalRecord.SIZE, 16);
    }

    @Override
    public ValuationResult evaluate(Map<String, Double> parameters) {
        long start = System.nanoTime();
        EngineConfig config = base;
        for (Map.Entry<String, Double> e : parameters.entrySet()) {
            if (!PARAMETERS.contains(e.getKey())) {
                throw new ConfigurationException("engine '" + base.engineId() + "': '" + e.getKey() + "' is not a parameter the"
                        + " projection can vary; known: " + PARAMETERS);
            }
            config = config.with(e.getKey(), e.getValue());
        }
        engine.initialize(config, null);
        Map<String, MemorySegment> in = new HashMap<>();
        in.put(ProjectionEngine.PORT_POLICIES, policies);
        if (scenarios != null) {
            in.put(ProjectionEngine.PORT_SCENARIOS, scenarios);
        }
        engine.runChunk(in, Map.of(ProjectionEngine.PORT_SCENARIO_TOTALS, totals));
        return ValuationResult.ofScenarioTotals(totals, (System.nanoTime() - start) / 1e6);
    }

    @Override
    public void close() {
        engine.dispose();
        arena.close();
    }
}
