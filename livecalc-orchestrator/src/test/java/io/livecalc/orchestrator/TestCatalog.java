package io.livecalc.orchestrator;

import io.livecalc.api.BufferType;
import io.livecalc.api.ConfigProblem;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EngineInfo;
import io.livecalc.api.PortSpec;
import io.livecalc.orchestrator.dag.internal.EngineCatalog;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Engine types with the ports of the real ESG, projection and solver, for validation tests. */
final class TestCatalog implements EngineCatalog {

    static final EngineInfo ESG = new EngineInfo("ESG", "1", "esg", false, Long.MAX_VALUE, List.of(),
            List.of(PortSpec.required("scenarios", BufferType.SCENARIO, "rates")));
    static final EngineInfo PROJECTION = new EngineInfo("Projection", "1", "projection", true, Long.MAX_VALUE,
            List.of(PortSpec.required("policies", BufferType.INPUT, "policies"),
                    PortSpec.optional("scenarios", BufferType.SCENARIO, "scenarios")),
            List.of(PortSpec.required("scenario_totals", BufferType.SCENARIO_TOTAL, "totals"),
                    PortSpec.optional("results", BufferType.RESULT, "pairs")));
    static final EngineInfo SOLVER = new EngineInfo("Solver", "1", "solver", false, Long.MAX_VALUE,
            List.of(PortSpec.required("scenario_totals", BufferType.SCENARIO_TOTAL, "totals")),
            List.of(PortSpec.required("parameters", BufferType.RESULT, "solution")));

    /** Reads scenarios and writes adjusted ones: two of them can form a cycle. */
    static final EngineInfo RATES = new EngineInfo("Rate shift", "1", "rates", false, Long.MAX_VALUE,
            List.of(PortSpec.required("scenarios", BufferType.SCENARIO, "rates in")),
            List.of(PortSpec.required("scenarios", BufferType.SCENARIO, "rates out")));

    private static final Map<String, EngineInfo> TYPES = Map.of("esg", ESG, "projection", PROJECTION,
            "cpp_projection", PROJECTION, "solver", SOLVER, "rates", RATES);

    @Override
    public Optional<EngineInfo> describe(String type) {
        return Optional.ofNullable(TYPES.get(type));
    }

    /** Checks nothing: these tests are about the DAG's structure (engine checks are the real engines' tests). */
    @Override
    public List<ConfigProblem> checkConfig(String type, EngineConfig config) {
        return List.of();
    }

    @Override
    public Collection<String> types() {
        return TYPES.keySet();
    }
}
