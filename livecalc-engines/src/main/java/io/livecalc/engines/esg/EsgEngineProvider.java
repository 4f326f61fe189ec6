package io.livecalc.engines.esg;

import io.livecalc.api.EngineInfo;
import io.livecalc.api.EngineProvider;
import io.livecalc.api.ICalcEngine;

/** Registers {@link EsgEngine} as {@code esg} through ServiceLoader. */
public final class EsgEngineProvider implements EngineProvider {

    @Override
    public String type() {
        return EsgEngine.TYPE;
    }

    @Override
    public EngineInfo describe() {
        return new EsgEngine().getInfo();
    }

    @Override
    public java.util.List<io.livecalc.api.ConfigProblem> checkConfig(io.livecalc.api.EngineConfig config) {
        return EsgEngine.checkConfig(config);
    }

    @Override
    public ICalcEngine create() {
        return new EsgEngine();
    }
}
