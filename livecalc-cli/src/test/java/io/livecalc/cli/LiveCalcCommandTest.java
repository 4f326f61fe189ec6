package io.livecalc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LiveCalcCommandTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = LiveCalcCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void versionNamesTheProjectVersionAndTheJvm() {
        Run r = run("--version");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("livecalc 0.1.0-SNAPSHOT\nJVM: 25"), r.out());
        assertTrue(r.out().contains("Vector API: jdk.incubator.vector available"), r.out());
    }

    @Test
    void helpListsUsageAndExitCodes() {
        Run r = run("--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("Usage: livecalc [-hV] [COMMAND]"), r.out());
        assertTrue(r.out().contains("Exit codes: 0 success, 1 run failure, 2 bad usage or bad input."), r.out());
    }

    @Test
    void unknownOptionIsABadUsageWithExitCode2() {
        Run r = run("--frobnicate");
        assertEquals(LiveCalcCommand.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().startsWith("Unknown option: '--frobnicate'"), r.err());
    }
}
