package io.livecalc.engines.python;

import io.livecalc.api.EngineInfo;
import io.livecalc.api.EngineProvider;
import io.livecalc.api.ICalcEngine;

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
    public ICalcEngine create() {
        return new PythonEngine(PythonEngine.SOLVER);
    }
}
