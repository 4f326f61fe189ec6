package io.livecalc.engines.python;

import io.livecalc.api.ConfigProblem;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EngineInfo;
import io.livecalc.api.EngineProvider;
import io.livecalc.api.ICalcEngine;
import java.util.List;

/** Registers {@link PythonEngine} as {@code python_esg (the shipped numpy ESG)} through ServiceLoader. */
public final class PythonEsgEngineProvider implements EngineProvider {

    @Override
    public String type() {
        return PythonEngine.ESG_TYPE;
    }

    @Override
    public EngineInfo describe() {
        return PythonEngine.ESG.info();
    }

    @Override
    public List<ConfigProblem> checkConfig(EngineConfig config) {
        return PythonEngine.checkConfig(PythonEngine.ESG_TYPE, config);
    }

    @Override
    public ICalcEngine create() {
        return new PythonEngine(PythonEngine.ESG);
    }
}
