package io.livecalc.buffers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.api.BufferType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A shared buffer is the same memory for Java and a separate python3 + numpy process. */
class SharedBufferCrossProcessTest {

    private static final int N = 10_000;

    @Test
    void pythonReadsWhatJavaWroteAndJavaSeesWhatPythonWrote(@TempDir Path tmp) throws Exception {
        Path script = tmp.resolve("shared_buffer_peer.py");
        try (InputStream in = getClass().getResourceAsStream("/shared_buffer_peer.py")) {
            Files.copy(in, script);
        }
        try (BufferManager m = new BufferManager()) {
            BufferInfo policies = m.allocateShared(BufferType.INPUT, "policies", N);
            BufferInfo results = m.allocateShared(BufferType.RESULT, "results", N);
            Path policyFile = policies.sharedFile().orElseThrow();
            Path resultFile = results.sharedFile().orElseThrow();
            assertTrue(Files.exists(policyFile));
            assertEquals(N * 32L, Files.size(policyFile));
            assertEquals(0, policies.segment().address() % 16);

            PolicyView p = PolicyView.of(policies);
            double sumAssured = 0;
            for (int i = 0; i < N; i++) {
                p.setPolicyId(i, (1L << 40) + i * 1_000_003L).setAge(i, i % 121).setGender(i, i % 2)
                        .setTerm(i, 10 + i % 40).setSumAssured(i, 100_000.0 + i * 0.25).setPremium(i, 1000.0 + i);
                sumAssured += 100_000.0 + i * 0.25;
            }

            String out = runPython(script, policyFile.toString(), resultFile.toString(), Integer.toString(N));
            assertEquals(String.format(Locale.ROOT, "OK %d %.6f", N, sumAssured), out);

            ResultView r = ResultView.of(results);
            for (int i = 0; i < N; i++) {
                assertEquals(i % 7, r.scenarioId(i));
                assertEquals(i + 1, r.policyId(i));
                assertEquals((100_000.0 + i * 0.25) * 0.5 - (1000.0 + i), r.npv(i));
                assertEquals(1001.0 + i, p.premium(i), "Java sees the premium Python changed in place");
            }

            m.free("policies");
            assertFalse(Files.exists(policyFile), "freeing a shared buffer removes its file");
            m.close();
            assertFalse(Files.exists(resultFile), "closing the manager removes the remaining files");
        }
    }

    @Test
    void filesOfDeadProcessesAreSweptAndLiveOnesKept(@TempDir Path dir) throws IOException {
        Path dead = Files.createFile(dir.resolve("livecalc-" + Integer.MAX_VALUE + "-1-x.buf"));
        Path mine = Files.createFile(dir.resolve("livecalc-" + ProcessHandle.current().pid() + "-1-y.buf"));
        Path other = Files.createFile(dir.resolve("unrelated.buf"));
        assertEquals(1, SharedMemoryFiles.removeFilesOfDeadProcesses(dir));
        assertFalse(Files.exists(dead));
        assertTrue(Files.exists(mine));
        assertTrue(Files.exists(other));
    }

    private static String runPython(Path script, String... args) throws Exception {
        String[] cmd = new String[args.length + 2];
        cmd[0] = "python3";
        cmd[1] = script.toString();
        System.arraycopy(args, 0, cmd, 2, args.length);
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(proc.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
        assertEquals(0, proc.exitValue(), "python3 failed (python3 with numpy is required): " + out);
        return out;
    }
}
