package io.livecalc.orchestrator;

import java.util.List;

/** Claims {@link TestProjectionProvider}'s type; only listed in a services file written by a test. */
public final class ClashingTestProjectionProvider extends TestProjectionProvider {

    @Override
    public List<String> aliases() {
        return List.of();
    }
}
