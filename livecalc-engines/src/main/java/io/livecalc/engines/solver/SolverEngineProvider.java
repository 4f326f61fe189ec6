package io.livecalc.engines.solver;

import io.livecalc.api.EngineInfo;
import io.livecalc.api.EngineProvider;
import io.livecalc.api.ICalcEngine;

/** Registers {@link SolverEngine} as {@code solver} through ServiceLoader. */
public final class SolverEngineProvider implements EngineProvider {

    @Override
    public String type() {
        return SolverEngine.TYPE;
    }

    @Override
    public EngineInfo describe() {
        return new SolverEngine().getInfo();
    }

    @Override
    public java.util.List<io.livecalc.api.ConfigProblem> checkConfig(io.livecalc.api.EngineConfig config) {
        return SolverEngine.checkConfig(config);
    }

    @Override
    public ICalcEngine create() {
        return new SolverEngine();
    }
}
