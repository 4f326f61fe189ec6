package io.livecalc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LivecalcHomeTest {

    private static final Path USER_HOME = Path.of("/home/actuary");

    @Test
    void withoutTheVariableItIsDotLivecalcInTheUserHome() {
        assertEquals(Path.of("/home/actuary/.livecalc"), LivecalcHome.dir(Map.of(), USER_HOME));
    }

    @Test
    void theVariableMovesIt() {
        assertEquals(Path.of("/srv/livecalc"), LivecalcHome.dir(Map.of("LIVECALC_HOME", "/srv/livecalc"), USER_HOME));
    }

    @Test
    void aBlankVariableCountsAsUnset() {
        assertEquals(Path.of("/home/actuary/.livecalc"), LivecalcHome.dir(Map.of("LIVECALC_HOME", "  "), USER_HOME));
    }

    @Test
    void aRelativeValueIsTakenFromTheWorkingFolder() {
        assertEquals(Path.of("").toAbsolutePath().resolve("state"),
                LivecalcHome.dir(Map.of("LIVECALC_HOME", "state/"), USER_HOME));
    }

    @Test
    void testsRunWithItInsideTheBuildFolder() {
        assertEquals(Path.of("target", "livecalc-home").toAbsolutePath(), LivecalcHome.dir());
    }
}
