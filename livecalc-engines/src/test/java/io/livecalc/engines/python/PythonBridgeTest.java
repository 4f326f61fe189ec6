package io.livecalc.engines.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.api.BufferType;
import io.livecalc.api.ConfigurationException;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EngineExecutionException;
import io.livecalc.api.ExecutionResult;
import io.livecalc.api.InitializationException;
import io.livecalc.api.PolicyRecord;
import io.livecalc.api.ResultRecord;
import io.livecalc.api.ScenarioRecord;
import io.livecalc.api.ScenarioTotalRecord;
import io.livecalc.api.SolutionRecord;
import io.livecalc.buffers.BufferInfo;
import io.livecalc.buffers.BufferManager;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bridge with real Python workers: zero-copy runs, layouts, and every way a worker can fail. */
class PythonBridgeTest {

    static final Path ENGINES = Path.of("src/test/resources/python").toAbsolutePath();

    @TempDir
    Path dir;

    private final BufferManager buffers = new BufferManager();
    private final List<PythonEngine> engines = new java.util.ArrayList<>();

    @AfterEach
    void cleanUp() {
        engines.forEach(PythonEngine::dispose);
        buffers.close();
    }

    private PythonEngine engine(String className, Map<String, Object> config) {
        PythonEngine e = new PythonEngine();
        engines.add(e);
        Map<String, Object> all = new LinkedHashMap<>(Map.of("python.module", "third_party_engines", "python.class", className,
                "python.path", ENGINES.toString(), "python.input_port", "scenarios", "python.output_port", "scenarios"));
        all.putAll(config);
        e.initialize(EngineConfig.of("py", all), null);
        return e;
    }

    private BufferInfo scenarios(String name, int rows) {
        BufferInfo b = buffers.allocateShared(BufferType.SCENARIO, name, rows);
        for (int i = 0; i < rows; i++) {
            ScenarioRecord.scenarioId(b.segment(), i, i / 10);
            ScenarioRecord.year(b.segment(), i, i % 10 + 1);
            ScenarioRecord.rate(b.segment(), i, 0.01 * i);
        }
        return b;
    }

    @Test
    void aSeedInterfaceEngineWritesTheSharedBufferInPlaceAndItsPrintsDoNotCorruptTheChannel() {
        PythonEngine e = engine("ScenarioShock", Map.of("spread", 0.25));
        BufferInfo in = scenarios("in", 1000);
        BufferInfo out = buffers.allocateShared(BufferType.SCENARIO, "out", 1000);
        ExecutionResult r = e.runChunk(in.segment(), out.segment());
        assertTrue(r.success());
        assertEquals(1000, r.rowsProcessed());
        for (int i = 0; i < 1000; i++) {
            assertEquals(ScenarioRecord.scenarioId(in.segment(), i), ScenarioRecord.scenarioId(out.segment(), i));
            assertEquals(ScenarioRecord.year(in.segment(), i), ScenarioRecord.year(out.segment(), i));
            assertEquals(0.01 * i + 0.25, ScenarioRecord.rate(out.segment(), i));
        }
        assertTrue(e.isInitialized());
    }

    @Test
    void aSegmentThatIsNotSharedIsStagedAndGivesTheSameAnswer() {
        PythonEngine e = engine("ScenarioShock", Map.of("spread", 1.0));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment in = arena.allocate(16 * 3);
            MemorySegment out = arena.allocate(16 * 3);
            ScenarioRecord.rate(in, 2, 0.5);
            e.runChunk(in, out);
            assertEquals(1.5, ScenarioRecord.rate(out, 2));
            assertEquals(1.0, ScenarioRecord.rate(out, 0));
        }
    }

    @Test
    void dtypesAreGeneratedFromTheJavaLayoutsFieldForField() {
        PythonEngine e = new PythonEngine();
        engines.add(e);
        e.initialize(EngineConfig.of("py", Map.of("python.module", "third_party_engines", "python.class", "LayoutEcho",
                "python.path", ENGINES.toString(), "spread", 0)), null);
        BufferInfo policies = buffers.allocateShared(BufferType.INPUT, "p", 4);
        Map<String, MemorySegment> out = new LinkedHashMap<>();
        for (String port : List.of("scenarios", "results", "scenario_totals", "parameters")) {
            BufferType t = PythonEngine.GENERIC.info().outputPort(port).orElseThrow().bufferType();
            out.put(port, buffers.allocateShared(t, port, t == BufferType.SOLUTION ? 1 : 4).segment());
        }
        ExecutionResult r = e.runChunk(Map.of("policies", policies.segment()), out);
        assertEquals(4, r.rowsProcessed());
        MemorySegment s = out.get("scenarios"), res = out.get("results"), tot = out.get("scenario_totals"), sol = out.get("parameters");
        for (int i = 0; i < 4; i++) {
            assertEquals(i + 1, ScenarioRecord.scenarioId(s, i));
            assertEquals(i + 2, ScenarioRecord.year(s, i));
            assertEquals((i + 3) * 0.5, ScenarioRecord.rate(s, i));
            assertEquals(i + 1, ResultRecord.scenarioId(res, i));
            assertEquals(i + 2, ResultRecord.policyId(res, i));
            assertEquals((i + 3) * 0.5, ResultRecord.npv(res, i));
            assertEquals(i + 4, ResultRecord.reserved(res, i));
            assertEquals(i + 1, ScenarioTotalRecord.scenarioId(tot, i));
            assertEquals(i + 2, ScenarioTotalRecord.reserved(tot, i));
            assertEquals((i + 3) * 0.5, ScenarioTotalRecord.npv(tot, i));
        }
        assertEquals(0.5, SolutionRecord.parameter(sol, "premium_rate"));
        assertEquals(2.5, SolutionRecord.objective(sol));
        assertEquals(6, SolutionRecord.iterations(sol));
        assertEquals(7, SolutionRecord.evaluations(sol));
        assertEquals(8, SolutionRecord.flags(sol));
        Map<String, Object> input = RecordDtypes.describe(BufferType.INPUT);
        assertEquals(PolicyRecord.SIZE, input.get("itemsize"));
        assertEquals(List.of("term", "<u4", PolicyRecord.OFFSET_TERM), ((List<?>) input.get("fields")).get(5));
    }

    @Test
    void aPythonExceptionArrivesWithItsTraceback() {
        PythonEngine e = engine("Misbehaving", Map.of("mode", "raise"));
        BufferInfo b = scenarios("s", 10);
        var ex = assertThrows(EngineExecutionException.class, () -> e.runChunk(b.segment(), b.segment()));
        assertTrue(ex.getMessage().contains("ValueError: rates must be finite"), ex.getMessage());
        assertTrue(ex.getMessage().contains("Traceback (most recent call last)"), ex.getMessage());
        PythonException cause = assertInstanceOf(PythonException.class, ex.getCause());
        assertEquals("ValueError", cause.pythonType());
        assertEquals("deep", cause.getStackTrace()[0].getMethodName());
        assertEquals("third_party_engines.py", Path.of(cause.getStackTrace()[0].getFileName()).getFileName().toString());
        assertFalse(ex.isTransient());
        long pid = e.workerPid();
        assertThrows(EngineExecutionException.class, () -> e.runChunk(b.segment(), b.segment()));
        assertEquals(pid, e.workerPid(), "an exception does not cost the worker");
    }

    @Test
    void pythonConfigurationErrorIsAConfigurationException() {
        var ex = assertThrows(ConfigurationException.class, () -> engine("Misbehaving", Map.of("mode", "bad_config")));
        assertTrue(ex.getMessage().contains("spread must be positive, got -1"), ex.getMessage());
        assertInstanceOf(PythonException.class, ex.getCause());
    }

    @Test
    void badImportsAreClearInitializationExceptions() {
        var missing = assertThrows(InitializationException.class, () -> engine("X", Map.of("python.module", "no_such_module")));
        assertTrue(missing.getMessage().contains("module 'no_such_module' not found") && missing.getMessage().contains("python.path"),
                missing.getMessage());
        var noClass = assertThrows(InitializationException.class, () -> engine("Nope", Map.of()));
        assertTrue(noClass.getMessage().contains("has no class 'Nope'") && noClass.getMessage().contains("python.class"), noClass.getMessage());
        var notEngine = assertThrows(InitializationException.class, () -> engine("NotAnEngine", Map.of()));
        assertTrue(notEngine.getMessage().contains("is not an ICalcEngine: missing ['get_info', 'runChunk', 'dispose', 'is_initialized']"),
                notEngine.getMessage());
        var noPython = assertThrows(InitializationException.class, () -> engine("ScenarioShock",
                Map.of("spread", 1, "python.executable", "/nonexistent/python3")));
        assertTrue(noPython.getMessage().contains("Python not found") && noPython.getMessage().contains("python.executable"),
                noPython.getMessage());
    }

    @Test
    void numpyMissingSaysWhatToInstall() throws Exception {
        Path fake = dir.resolve("numpyless");
        Files.createDirectories(fake.resolve("numpy"));
        Files.writeString(fake.resolve("numpy/__init__.py"), "raise ImportError('No module named numpy (test)')\n");
        var ex = assertThrows(InitializationException.class, () -> engine("ScenarioShock",
                Map.of("spread", 1, "python.path", fake + ":" + ENGINES)));
        assertTrue(ex.getMessage().contains("numpy is not installed") && ex.getMessage().contains("pip install numpy"), ex.getMessage());
    }

    @Test
    void aCrashGivesExitStatusAndStderrAndTheWorkerRestartsOnTheNextUse() {
        for (String mode : List.of("exit", "segfault")) {
            PythonEngine e = engine("Misbehaving", Map.of("mode", mode));
            BufferInfo b = scenarios("crash-" + mode, 10);
            long pid = e.workerPid();
            var ex = assertThrows(EngineExecutionException.class, () -> e.runChunk(b.segment(), b.segment()));
            assertTrue(ex.isTransient());
            String expected = mode.equals("exit") ? "exit status 3" : "killed by signal 11 (SIGSEGV)";
            assertTrue(ex.getMessage().contains(expected), ex.getMessage());
            assertTrue(ex.getMessage().contains("about to " + mode), ex.getMessage());
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        }
        PythonEngine e = engine("Misbehaving", Map.of("mode", "fail_once", "marker", dir.resolve("crashed").toString()));
        BufferInfo b = scenarios("restart", 10);
        long first = e.workerPid();
        var ex = assertThrows(EngineExecutionException.class, () -> e.runChunk(b.segment(), b.segment()));
        assertTrue(ex.getMessage().contains("exit status 9"), ex.getMessage());
        ExecutionResult r = e.runChunk(b.segment(), b.segment());
        assertTrue(r.success());
        assertTrue(e.workerPid() > 0 && e.workerPid() != first);
    }

    @Test
    void anInterruptStopsAHungWorkerAtOnceAndLeavesNoProcess() throws Exception {
        PythonEngine e = engine("Misbehaving", Map.of("mode", "hang"));
        BufferInfo b = scenarios("hang", 10);
        long pid = e.workerPid();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                e.runChunk(b.segment(), b.segment());
            } catch (Throwable x) {
                thrown.set(x);
            }
        });
        t.start();
        Thread.sleep(300);
        long start = System.nanoTime();
        t.interrupt();
        t.join(5000);
        assertTrue((System.nanoTime() - start) / 1e6 < 1000, "stopped in " + (System.nanoTime() - start) / 1e6 + " ms");
        EngineExecutionException ex = assertInstanceOf(EngineExecutionException.class, thrown.get());
        assertTrue(ex.isTransient() && ex.getMessage().contains("pid " + pid), ex.getMessage());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid + " is gone");
    }

    @Test
    void disposeEndsTheWorkerAndRemovesTheStagingFiles() throws Exception {
        PythonEngine e = engine("ScenarioShock", Map.of("spread", 0));
        try (Arena arena = Arena.ofConfined()) {
            e.runChunk(arena.allocate(32), arena.allocate(32));
        }
        long pid = e.workerPid();
        String mine = "livecalc-" + ProcessHandle.current().pid() + "-";
        long before = countFiles(mine + "*-in.scenarios.buf");
        assertTrue(before >= 1);
        e.dispose();
        assertFalse(e.isInitialized());
        assertTrue(ProcessHandle.of(pid).map(h -> h.onExit().join()).map(ProcessHandle::isAlive).orElse(false) == false);
        assertEquals(before - 1, countFiles(mine + "*-in.scenarios.buf"));
    }

    private static long countFiles(String glob) throws java.io.IOException {
        Path shm = Files.isWritable(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
        try (var s = Files.newDirectoryStream(shm, glob)) {
            long n = 0;
            for (Path ignored : s) {
                n++;
            }
            return n;
        }
    }
}
