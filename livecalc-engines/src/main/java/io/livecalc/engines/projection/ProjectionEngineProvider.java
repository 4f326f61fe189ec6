package io.livecalc.engines.projection;

import io.livecalc.api.ConfigProblem;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EngineInfo;
import io.livecalc.api.EngineProvider;
import io.livecalc.api.ICalcEngine;
import java.util.List;

/** Registers {@link ProjectionEngine} as {@code projection} (alias {@code cpp_projection}) through ServiceLoader. */
public final class ProjectionEngineProvider implements EngineProvider {

    @Override
    public String type() {
        return ProjectionEngine.TYPE;
    }

    @Override
    public List<String> aliases() {
        return ProjectionEngine.ALIASES;
    }

    @Override
    public EngineInfo describe() {
        return new ProjectionEngine().getInfo();
    }

    @Override
    public List<ConfigProblem> checkConfig(EngineConfig config) {
        return ProjectionEngine.checkConfig(config);
    }

    @Override
    public ICalcEngine create() {
        return new ProjectionEngine();
    }
}
