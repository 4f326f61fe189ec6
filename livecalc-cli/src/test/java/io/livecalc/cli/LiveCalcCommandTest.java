package io.livecalc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LiveCalcCommandTest {

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void versionNamesTheProjectVersionTheCommitAndTheJvm() throws Exception {
        CliRun r = run("--version");
        assertEquals(0, r.exit());
        Matcher m = Pattern.compile("livecalc 0\\.1\\.0-SNAPSHOT \\(([0-9a-f]{7,})(-dirty)?\\)\nJVM: 25.*", Pattern.DOTALL).matcher(r.out());
        assertTrue(m.matches(), r.out());
        Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
        String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, git.waitFor());
        assertTrue(head.startsWith(m.group(1)), "built from " + m.group(1) + ", HEAD is " + head);
        assertTrue(r.out().contains("Vector API: jdk.incubator.vector available"), r.out());
    }

    @Test
    void everySubcommandsVersionOptionPrintsTheVersion() {
        String version = run("--version").out();
        for (String[] args : new String[][] {{"project", "-V"}, {"run", "--version"}, {"am", "serve", "-V"}, {"generate", "policies", "-V"}}) {
            CliRun r = run(args);
            assertEquals(0, r.exit(), String.join(" ", args));
            assertEquals(version, r.out(), String.join(" ", args));
        }
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

    @Test
    void eachSubcommandIsRegisteredUnderItsOwnNameAndARunBuildsOnlyTheOneItNames() {
        for (var e : LiveCalcCommand.SUBCOMMANDS.entrySet()) {
            assertEquals(e.getKey(), new picocli.CommandLine(e.getValue()).getCommandName());
        }
        assertEquals(LiveCalcCommand.SUBCOMMANDS.keySet(), LiveCalcCommand.commandLine().getSubcommands().keySet());
        assertEquals(java.util.Set.of("project"),
                LiveCalcCommand.commandLine(new String[] {"project", "--model", "basic_term"}).getSubcommands().keySet());
        assertEquals(java.util.Set.of(), LiveCalcCommand.commandLine(new String[] {"--version"}).getSubcommands().keySet());
        assertEquals(LiveCalcCommand.SUBCOMMANDS.keySet(),
                LiveCalcCommand.commandLine(new String[] {"projet"}).getSubcommands().keySet(), "a misspelt one gets suggestions");
        assertEquals(LiveCalcCommand.SUBCOMMANDS.keySet(),
                LiveCalcCommand.commandLine(new String[] {"help", "project"}).getSubcommands().keySet());
    }

    @Test
    void aSubcommandsErrorsAndHelpReadAsWithEverySubcommandRegistered() {
        for (String[] args : new String[][] {{"project", "--bogus"}, {"project", "--help"}, {"run"}, {"--version"}}) {
            CliRun lazy = CliRun.of(args);
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            picocli.CommandLine full = LiveCalcCommand.commandLine();
            full.setOut(new java.io.PrintWriter(out));
            full.setErr(new java.io.PrintWriter(err));
            assertEquals(full.execute(args), lazy.exit(), String.join(" ", args));
            assertEquals(out.toString(), lazy.out(), String.join(" ", args));
            assertEquals(err.toString(), lazy.err(), String.join(" ", args));
        }
    }
}
