package io.livecalc.buffers;

import io.livecalc.api.testing.ModuleArchitecture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void usesOnlyItsOwnPackagesAndTheFacesOfTheModulesArchitectureMdNames() {
        ModuleArchitecture.load().assertConforms(Path.of("").toAbsolutePath(), "target/classes");
    }
}
