package io.livecalc.engines.python;

import io.livecalc.api.ConfigProblem;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EngineInfo;
import io.livecalc.api.EngineProvider;
import io.livecalc.api.ICalcEngine;
import java.util.List;

/** Registers {@link PythonEngine} as {@code python_solver (the shipped Python solver)} through ServiceLoader. */
public final class PythonSolverEngineProvider implements EngineProvider {

    @Override
    public String type() {
        return PythonEngine.SOLVER_TYPE;
    }

    @Override
    public EngineInfo describe() {
        return PythonEngine.SOLVER.info();
    }

    @Override
    public List<ConfigProblem> checkConfig(EngineConfig config) {
        return PythonEngine.checkConfig(PythonEngine.SOLVER_TYPE, config);
    }

    @Override
    public ICalcEngine create() {
        return new PythonEngine(PythonEngine.SOLVER);
    }
}
