package io.livecalc.engines.esg;

import io.livecalc.api.ConfigProblem;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EngineInfo;
import io.livecalc.api.EngineProvider;
import io.livecalc.api.ICalcEngine;
import java.util.List;

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
    public List<ConfigProblem> checkConfig(EngineConfig config) {
        return EsgEngine.checkConfig(config);
    }

    @Override
    public ICalcEngine create() {
        return new EsgEngine();
    }
}
