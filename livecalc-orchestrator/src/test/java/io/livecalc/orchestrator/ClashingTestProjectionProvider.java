package io.livecalc.orchestrator;

import io.livecalc.api.EngineProvider;
import io.livecalc.api.EngineInfo;
import io.livecalc.api.ICalcEngine;

/** Claims {@link TestProjectionProvider}'s type; only listed in a services file written by a test. */
public final class ClashingTestProjectionProvider implements EngineProvider {

    @Override
    public String type() {
        return "test_projection";
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
