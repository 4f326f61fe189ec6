package io.livecalc.engines.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM started without {@code --add-modules=jdk.incubator.vector} runs the scalar kernels after one
 * warning, with the same numbers as the SIMD kernels.
 */
class VectorModuleFallbackTest {

    private static List<String> run(boolean withVectorModule) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of(java));
        if (withVectorModule) {
            cmd.add("--add-modules=jdk.incubator.vector");
        }
        cmd.addAll(List.of("-Dlivecalc.testdata.dir=" + io.livecalc.api.testing.TestDataDir.root(),
                "-cp", System.getProperty("java.class.path"), ScalarFallbackProbe.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }

    @Test
    void withoutTheIncubatorModuleTheScalarKernelRunsAfterOneWarningWithTheSameNumbers() throws Exception {
        List<String> scalar = run(false);
        List<String> simd = run(true);
        assertTrue(scalar.contains("kernel=scalar"), scalar.toString());
        assertTrue(simd.stream().anyMatch(l -> l.startsWith("kernel=simd")), simd.toString());
        long warnings = scalar.stream().filter(l -> l.contains("WARN") && l.contains("jdk.incubator.vector")).count();
        assertEquals(1, warnings, "exactly one warning for the projection, BasicTerm and ESG kernels: " + scalar);
        String scalarTotals = scalar.stream().filter(l -> l.startsWith("totals=")).findFirst().orElseThrow();
        String simdTotals = simd.stream().filter(l -> l.startsWith("totals=")).findFirst().orElseThrow();
        assertEquals(simdTotals, scalarTotals);
    }
}
