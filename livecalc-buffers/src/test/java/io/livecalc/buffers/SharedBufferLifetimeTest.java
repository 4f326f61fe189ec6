package io.livecalc.buffers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.api.BufferType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Shared-memory files never outlive their JVM: removed at normal exit, swept after a kill. */
class SharedBufferLifetimeTest {

    private static Process startProbe(String mode) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        return new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                SharedBufferExitProbe.class.getName(), mode)).redirectErrorStream(false).start();
    }

    private static Path readPath(Process p) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        return Path.of(r.readLine());
    }

    @Test
    void fileIsRemovedWhenTheJvmExitsWithoutClosingTheManager() throws Exception {
        Process p = startProbe("exit");
        Path file = readPath(p);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertFalse(Files.exists(file), file + " survived a normal JVM exit");
    }

    @Test
    void fileOfAKilledJvmIsRemovedByTheNextJvmsFirstSharedAllocation() throws Exception {
        Process p = startProbe("hang");
        Path file = readPath(p);
        assertTrue(Files.exists(file));
        p.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertTrue(Files.exists(file), "a killed JVM cannot clean up after itself");
        // This JVM may already have swept once; the sweep itself is what a fresh JVM runs first.
        SharedMemoryFiles.removeFilesOfDeadProcesses(file.getParent());
        assertFalse(Files.exists(file));
        try (BufferManager m = new BufferManager()) {
            assertTrue(m.allocateShared(BufferType.RESULT, "after-sweep", 1).isShared());
        }
    }
}
