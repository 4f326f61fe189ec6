package io.livecalc.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.engines.ReferenceData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Python engines (through the bridge found by ServiceLoader) in real pipelines with real files. */
class PythonPipelineTest {

    private static final Path ENGINES = Path.of("../livecalc-engines/src/test/resources/python").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private PipelineBuilder projection(String scenarios) {
        return Pipeline.builder()
                .policies("policies", ReferenceData.upstream("sample_policies.csv"))
                .scenarios("scenarios", ReferenceData.upstream("sample_scenarios.csv"))
                .engine("projection", "projection", e -> e.input("policies").input(scenarios)
                        .config("mortality_table", ReferenceData.upstream("sample_mortality.csv").toString())
                        .config("lapse_table", ReferenceData.upstream("sample_lapse.csv").toString())
                        .config("expenses", ReferenceData.upstream("sample_expenses.csv").toString()));
    }

    private PipelineBuilder shocked(double spread) {
        return projection("shock.scenarios").engine("shock", "python", e -> e.input("scenarios").output("scenarios")
                .config("python.module", "third_party_engines").config("python.class", "ScenarioShock")
                .config("python.path", ENGINES.toString()).config("spread", spread));
    }

    @Test
    void aThirdPartyEngineWrittenAgainstTheSeedInterfaceRunsBetweenDataAndProjection() {
        PipelineResult direct = projection("scenarios").build().run();
        PipelineResult unshocked = shocked(0.0).build().run();
        PipelineResult shocked = shocked(0.01).build().run();
        assertTrue(unshocked.success() && shocked.success(), unshocked.engines() + " " + shocked.engines());
        assertEquals(Arrays.toString(direct.valuation().orElseThrow().scenarioNpvs()),
                Arrays.toString(unshocked.valuation().orElseThrow().scenarioNpvs()), "a zero shock changes nothing, bit for bit");
        assertTrue(shocked.valuation().orElseThrow().mean() != direct.valuation().orElseThrow().mean());
        assertEquals(EngineRun.Status.SUCCEEDED, shocked.engine("shock").status());
    }

    @Test
    void aTimeoutKillsTheHungWorkerAndLeavesNoProcess() throws IOException {
        Path pids = dir.resolve("pids");
        long start = System.nanoTime();
        PipelineResult r = projection("hang.scenarios").timeout(Duration.ofMillis(1500)).maxAttempts(1)
                .engine("hang", "python", e -> e.input("scenarios").output("scenarios")
                        .config("python.module", "third_party_engines").config("python.class", "Misbehaving")
                        .config("python.path", ENGINES.toString()).config("mode", "hang").config("pidfile", pids.toString()))
                .build().run();
        double ms = (System.nanoTime() - start) / 1e6;
        assertEquals(EngineRun.Status.FAILED, r.engine("hang").status());
        assertTrue(r.engine("hang").error().contains("timed out") || r.engine("hang").error().contains("timeout"), r.engine("hang").error());
        assertEquals(EngineRun.Status.SKIPPED, r.engine("projection").status());
        assertTrue(ms < 10_000, "took " + ms + " ms");
        List<String> started = Files.readAllLines(pids);
        assertFalse(started.isEmpty());
        for (String pid : started) {
            assertFalse(ProcessHandle.of(Long.parseLong(pid.trim())).map(ProcessHandle::isAlive).orElse(false),
                    "worker " + pid + " outlived the pipeline");
        }
        String mine = "livecalc-" + ProcessHandle.current().pid() + "-";
        try (var files = Files.list(Path.of("/dev/shm"))) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(mine) && n.contains("hang")).toList(),
                    "no shared-memory file is left");
        }
    }
}
