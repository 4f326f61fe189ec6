package io.livecalc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LiveCalcCommandTest {

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void versionNamesTheProjectVersionAndTheJvm() {
        CliRun r = run("--version");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("livecalc 0.1.0-SNAPSHOT\nJVM: 25"), r.out());
        assertTrue(r.out().contains("Vector API: jdk.incubator.vector available"), r.out());
    }

    @Test
    void helpListsUsageAndExitCodes() {
        CliRun r = run("--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("Usage: livecalc [-hV] [COMMAND]"), r.out());
        assertTrue(r.out().contains("Exit codes: 0 success, 1 run failure, 2 bad usage or bad input."), r.out());
    }

    @Test
    void unknownOptionIsABadUsageWithExitCode2() {
        CliRun r = run("--frobnicate");
        assertEquals(LiveCalcCommand.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().startsWith("Unknown option: '--frobnicate'"), r.err());
    }
}
