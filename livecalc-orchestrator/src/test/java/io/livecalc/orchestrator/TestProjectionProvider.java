package io.livecalc.orchestrator;

import io.livecalc.api.EngineProvider;
import io.livecalc.api.EngineInfo;
import io.livecalc.api.ICalcEngine;
import java.util.List;

/** Registered in src/test/resources/META-INF/services: found by {@link EngineFactory#load()}. */
public class TestProjectionProvider implements EngineProvider {

    @Override
    public String type() {
        return "test_projection";
    }

    @Override
    public List<String> aliases() {
        return List.of("cpp_test_projection");
    }

    @Override
    public EngineInfo describe() {
        return FakeEngine.INFO;
    }

    @Override
    public ICalcEngine create() {
        return new FakeEngine();
    }
}
