package io.livecalc.engines.python;

import io.livecalc.api.ConfigProblem;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EngineInfo;
import io.livecalc.api.EngineProvider;
import io.livecalc.api.ICalcEngine;
import java.util.List;

/** Registers {@link PythonEngine} as {@code python (any class implementing the seed's Python ICalcEngine)} through ServiceLoader. */
public final class PythonEngineProvider implements EngineProvider {

    @Override
    public String type() {
        return PythonEngine.TYPE;
    }

    @Override
    public EngineInfo describe() {
        return PythonEngine.GENERIC.info();
    }

    @Override
    public List<ConfigProblem> checkConfig(EngineConfig config) {
        return PythonEngine.checkConfig(PythonEngine.TYPE, config);
    }

    @Override
    public ICalcEngine create() {
        return new PythonEngine();
    }
}
