package io.livecalc.engines.solver;

import io.livecalc.api.ConfigProblem;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EngineInfo;
import io.livecalc.api.EngineProvider;
import io.livecalc.api.ICalcEngine;
import java.util.List;

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
    public List<ConfigProblem> checkConfig(EngineConfig config) {
        return SolverEngine.checkConfig(config);
    }

    @Override
    public ICalcEngine create() {
        return new SolverEngine();
    }
}
