package io.livecalc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Child processes: the real JVM with the build's flags (which prints the incubator notice), and the
 * {@code ./livecalc} launcher (which must drop exactly that line and change nothing else).
 */
class LauncherTest {

    /** The line the JVM prints on every start with the Vector API module; the launcher filters exactly this. */
    static final String NOTICE = "WARNING: Using incubator modules: jdk.incubator.vector";
    /** The worktree root: surefire runs in livecalc-cli/. */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    record Result(int exit, String out, String err) {
    }

    /** Runs {@code command}, feeding {@code stdin}; stdout and stderr are read to their end (the launcher's filter holds stderr until it is done). */
    static Result run(List<String> command, java.util.Map<String, String> env, String stdin) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        Process p = pb.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished in time: " + command);
        return new Result(p.exitValue(), out.get(120, TimeUnit.SECONDS), err.get(120, TimeUnit.SECONDS));
    }

    private static String read(InputStream s) {
        try {
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theRealJvmPrintsExactlyTheNoticeTheLauncherFilters(@TempDir Path dir) throws Exception {
        String launcher = Files.readString(ROOT.resolve("livecalc"));
        assertTrue(launcher.contains("INCUBATOR_NOTICE='" + NOTICE + "'"), "./livecalc filters the line the JVM prints");
        Path in = OriginalCliCompatibilityTest.resource("original-cli/data");
        Path out = dir.resolve("results.json");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the build's JVM flags, as ./livecalc passes them (target/jvm.flags is written before the tests run)
        cmd.addAll(List.of(Files.readString(Path.of("target/jvm.flags")).trim().split("\\s+")));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.livecalc.cli.LiveCalcCommand", "project",
                "--policies", in.resolve("sample_policies.csv").toString(), "--mortality", in.resolve("sample_mortality.csv").toString(),
                "--lapse", in.resolve("sample_lapse.csv").toString(), "--expenses", in.resolve("sample_expenses.csv").toString(),
                "--output", out.toString(), "--quiet"));
        Result r = run(cmd, java.util.Map.of(), "");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.out());
        assertEquals(NOTICE + "\n", r.err(), "with --quiet the JVM's notice is all there is on stderr");
        OriginalCliCompatibilityTest.assertSameAsOriginal("sample10_gbm1000.json", out);
    }

    /**
     * The launcher over a stand-in JDK whose java prints the JVM's start-up lines, echoes stdin to stdout, writes
     * a real warning and an unfinished progress line to stderr, and exits 3.
     */
    /** A copy of the launcher in {@code dir/root} over an up-to-date (empty) build, and {@code dir/jdk}: a fake JDK 25. */
    private static Path fakeBuild(Path dir) throws IOException {
        Path root = dir.resolve("root");
        Path target = root.resolve("livecalc-cli/target");
        Files.createDirectories(target);
        Files.copy(ROOT.resolve("livecalc"), root.resolve("livecalc"));
        executable(root.resolve("livecalc"));
        // a build that is up to date: the launcher runs it without building
        Files.writeString(target.resolve("jvm.flags"), "--add-modules=jdk.incubator.vector\n");
        Files.writeString(target.resolve("livecalc-cli.jar"), "");
        Files.writeString(target.resolve(".livecalc-built"), "");
        Path jdk = dir.resolve("jdk");
        Files.createDirectories(jdk.resolve("bin"));
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25\"\n");
        Files.writeString(jdk.resolve("bin/javac"), "#!/bin/sh\nexit 0\n");
        Files.writeString(jdk.resolve("bin/java"), """
                #!/bin/sh
                echo 'OpenJDK 64-Bit Server VM warning: a start-up warning' >&2
                echo '%s' >&2
                cat
                echo 'WARNING: a warning of the program' >&2
                printf 'progress 1/2\\r' >&2
                shift $(($# - 2))
                echo "args: $*"
                exit 3
                """.formatted(NOTICE));
        executable(jdk.resolve("bin/javac"));
        executable(jdk.resolve("bin/java"));
        return root;
    }

    @Test
    void aStartUpArchiveOlderThanTheJarsIsDroppedForTheJvmToRecordAgain(@TempDir Path dir) throws Exception {
        Path root = fakeBuild(dir);
        Path target = root.resolve("livecalc-cli/target");
        Path stale = Files.writeString(target.resolve("livecalc-project.jsa"), "recorded before the jars were rebuilt");
        Path fresh = Files.writeString(target.resolve("livecalc-run.jsa"), "recorded after");
        java.nio.file.attribute.FileTime jar = Files.getLastModifiedTime(target.resolve("livecalc-cli.jar"));
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.fromMillis(jar.toMillis() - 60_000));
        Files.setLastModifiedTime(fresh, java.nio.file.attribute.FileTime.fromMillis(jar.toMillis() + 60_000));
        java.util.Map<String, String> env = java.util.Map.of("JAVA_HOME", dir.resolve("jdk").toString(), "LIVECALC_AOT", "0");

        assertEquals(3, run(List.of(root.resolve("livecalc").toString(), "run", "x.json"), env, "").exit());
        assertTrue(Files.exists(fresh), "an archive newer than the jars is kept");
        assertTrue(Files.exists(stale), "another subcommand's archive is left alone");

        assertEquals(3, run(List.of(root.resolve("livecalc").toString(), "project", "-q"), env, "").exit());
        assertTrue(Files.notExists(stale), "the stale archive of the subcommand run is deleted");

        // a dependency rebuilt after the archive, the command line's own jar not
        Path lib = Files.createDirectories(target.resolve("lib"));
        Path dependency = Files.writeString(lib.resolve("livecalc-engines-0.1.0.jar"), "");
        Files.setLastModifiedTime(target.resolve("livecalc-cli.jar"), java.nio.file.attribute.FileTime.fromMillis(jar.toMillis() - 120_000));
        Files.setLastModifiedTime(dependency, java.nio.file.attribute.FileTime.fromMillis(jar.toMillis() + 120_000));
        assertEquals(3, run(List.of(root.resolve("livecalc").toString(), "run", "x.json"), env, "").exit());
        assertTrue(Files.notExists(fresh), "an archive older than any jar of the class path is deleted");

        // help and version runs never record (or delete) a subcommand's archive
        Path version = Files.writeString(target.resolve("livecalc-project.jsa"), "recorded by project");
        Files.setLastModifiedTime(version, java.nio.file.attribute.FileTime.fromMillis(jar.toMillis() - 60_000));
        assertEquals(3, run(List.of(root.resolve("livecalc").toString(), "project", "--help"), env, "").exit());
        assertTrue(Files.exists(version), "project --help leaves project's archive alone");
    }

    @Test
    void theLauncherRunsFromACurrentFolderThatNoLongerExists(@TempDir Path dir) throws Exception {
        Path root = fakeBuild(dir);
        Path gone = Files.createDirectories(dir.resolve("gone"));
        // sh: cd into the folder, delete it, then start the launcher by its absolute path from there
        Result r = run(List.of("sh", "-c", "cd \"$1\" && rmdir \"$1\" && exec \"$2\" project -q", "sh", gone.toString(),
                root.resolve("livecalc").toString()), java.util.Map.of("JAVA_HOME", dir.resolve("jdk").toString(), "LIVECALC_AOT", "0"), "");
        assertEquals(3, r.exit(), r.err());
        assertEquals("args: project -q\n", r.out());
    }

    @Test
    void theLauncherDropsOnlyTheNoticeAndKeepsExitCodeStreamsAndOtherWarnings(@TempDir Path dir) throws Exception {
        Path root = fakeBuild(dir);
        Path jdk = dir.resolve("jdk");
        // LIVECALC_AOT=0 (the default, set against the environment): no AOT training run (its one line on stderr) with this fake java
        Result r = run(List.of(root.resolve("livecalc").toString(), "project", "--quiet"),
                java.util.Map.of("JAVA_HOME", jdk.toString(), "LIVECALC_AOT", "0"), "line from stdin\n");
        assertEquals(3, r.exit(), r.err());
        assertEquals("line from stdin\nargs: project --quiet\n", r.out());
        assertEquals("OpenJDK 64-Bit Server VM warning: a start-up warning\nWARNING: a warning of the program\nprogress 1/2\r", r.err());
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
