package io.livecalc.engines.python;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.livecalc.api.AMCredentials;
import io.livecalc.api.BufferType;
import io.livecalc.api.CalcEngineException;
import io.livecalc.api.ConfigProblem;
import io.livecalc.api.ConfigurationException;
import io.livecalc.api.DataFileException;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EngineExecutionException;
import io.livecalc.api.EngineInfo;
import io.livecalc.api.EvaluatorAware;
import io.livecalc.api.ExecutionResult;
import io.livecalc.api.ICalcEngine;
import io.livecalc.api.InitializationException;
import io.livecalc.api.ParameterEvaluator;
import io.livecalc.api.PortSpec;
import io.livecalc.api.ValuationResult;
import io.livecalc.buffers.BufferInfo;
import io.livecalc.buffers.BufferManager;
import io.livecalc.buffers.SharedRegion;
import io.livecalc.engines.internal.ConfigProblems;
import io.livecalc.engines.solver.SolverResult;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Runs a Python engine, any class implementing the original system's Python {@code ICalcEngine}
 * (initialize, get_info, runChunk, dispose, is_initialized), in a long-lived worker process: engine type
 * {@code python}, and the presets {@code python_esg} and {@code python_solver} (the shipped
 * {@code livecalc.engines.esg.EsgEngine} and {@code livecalc.engines.solver.SolverEngine}).
 *
 * <h2>Zero copy</h2>
 * The worker maps the very files behind the JVM's shared buffers ({@link BufferManager#sharedRegion}) and
 * hands the engine numpy structured arrays over them, with dtypes generated from the record layouts; only
 * small JSON control lines cross the pipe. A pipeline allocates shared buffers for this engine because its
 * {@link EngineInfo#requiresSharedMemory()} says so. A buffer that is not shared (a caller's own segment) is
 * staged through a shared buffer of the engine's own: correct, but one copy each way.
 *
 * <h2>Config keys</h2>
 * <pre>
 * python.module        module of the engine class (presets: livecalc.engines.esg / livecalc.engines.solver)
 * python.class         the class (presets: EsgEngine / SolverEngine)
 * python.script        a .py file to load instead of python.module
 * python.path          folders prepended to sys.path, separated by ':' or ','; relative to the DAG's folder
 * python.executable    the interpreter, default python3 on PATH (resolved once to an absolute path)
 * python.views         records (default: structured arrays) | bytes (uint8 arrays)
 * python.output_records  records an output needs, for a class with no output_records(port, inputs) whose size
 *                      the worker cannot learn: a generator's is read from its runChunk's shape check
 *                      ("Expected (N,)", as the original engines say), an engine of one input writes as many
 *                      records as it reads
 * python.input_port, python.output_port   the ports of the single-buffer runChunk (default: the first declared)
 * python.startup_timeout_seconds  default 60
 * </pre>
 * Every other key is the Python engine's own configuration, passed to its {@code initialize} as a dict.
 *
 * <h2>Ports</h2>
 * {@code python_esg}: out {@code scenarios} (SCENARIO). {@code python_solver}: in {@code scenario_totals}
 * (SCENARIO_TOTAL), out {@code parameters} (SOLUTION). {@code python}: optional inputs {@code policies,
 * scenarios, results, scenario_totals} and outputs {@code scenarios, results, scenario_totals, parameters};
 * with at most one input and one output connected the Python {@code runChunk} receives the arrays (the input
 * is {@code None} when there is none), otherwise dicts of arrays keyed by port name.
 *
 * <h2>Failures</h2>
 * Python's ConfigurationError, InitializationError and ExecutionError arrive as the Java exceptions of the
 * same names, other exceptions as an InitializationException (initialize) or EngineExecutionException
 * (runChunk); the cause is a {@link PythonException} carrying the traceback. A worker that dies (segfault,
 * {@code sys.exit}, killed) gives a transient EngineExecutionException with its exit status and the tail of
 * its stderr, and is restarted (and re-initialised) on the next use. When the calling thread is interrupted
 * (the lifecycle manager's timeout) the worker is stopped (SIGTERM, then SIGKILL) and the call fails at once.
 * The worker dies with the JVM (PR_SET_PDEATHSIG and a parent watchdog).
 */
public final class PythonEngine implements ICalcEngine, EvaluatorAware {

    public static final String TYPE = "python", ESG_TYPE = "python_esg", SOLVER_TYPE = "python_solver";

    /** What a type runs by default and the ports it declares. */
    record Preset(String module, String className, EngineInfo info) {
    }

    static final Preset GENERIC = new Preset(null, null, new EngineInfo("Python Engine", "0.1.0", TYPE, false,
            BufferType.SCENARIO.maxRecords() * BufferType.SCENARIO.recordSize(),
            List.of(PortSpec.optional("policies", BufferType.INPUT, "policy records"),
                    PortSpec.optional("scenarios", BufferType.SCENARIO, "scenario records"),
                    PortSpec.optional("results", BufferType.RESULT, "per-pair results"),
                    PortSpec.optional("scenario_totals", BufferType.SCENARIO_TOTAL, "portfolio NPV per scenario")),
            List.of(PortSpec.optional("scenarios", BufferType.SCENARIO, "scenario records"),
                    PortSpec.optional("results", BufferType.RESULT, "per-pair results"),
                    PortSpec.optional("scenario_totals", BufferType.SCENARIO_TOTAL, "portfolio NPV per scenario"),
                    PortSpec.optional("parameters", BufferType.SOLUTION, "a solution record")), true));

    static final Preset ESG = new Preset("livecalc.engines.esg", "EsgEngine", new EngineInfo("Python ESG Engine", "0.1.0",
            ESG_TYPE, false, BufferType.SCENARIO.maxRecords() * BufferType.SCENARIO.recordSize(), List.of(),
            List.of(PortSpec.required("scenarios", BufferType.SCENARIO, "interest-rate scenarios, grouped by scenario, years 1..projection_years")),
            true));

    static final Preset SOLVER = new Preset("livecalc.engines.solver", "SolverEngine", new EngineInfo("Python Solver Engine", "0.1.0",
            SOLVER_TYPE, false, BufferType.SCENARIO_TOTAL.maxRecords() * BufferType.SCENARIO_TOTAL.recordSize(),
            List.of(PortSpec.required("scenario_totals", BufferType.SCENARIO_TOTAL, "the valuation at the configured parameters")),
            List.of(PortSpec.required("parameters", BufferType.SOLUTION, "the solved parameters, one SOLUTION record")), true));

    /** The validated bridge keys of one initialisation. */
    private record Settings(String engineId, Path python, List<String> pythonPath, Path workDir, Map<String, Object> request,
                            Map<String, Object> engineConfig, Map<String, Object> credentials, long outputRecords,
                            String inputPort, String outputPort, Duration startupTimeout) {
    }

    private final Preset preset;
    private volatile Settings settings;
    private volatile PythonWorker worker;
    private volatile boolean busy;
    private volatile ParameterEvaluator evaluator;
    private volatile Map<String, Object> report = Map.of();
    private BufferManager staging;

    /** The generic bridge (type {@code python}); {@code python.module}/{@code python.script} and {@code python.class} are required. */
    public PythonEngine() {
        this(GENERIC);
    }

    PythonEngine(Preset preset) {
        this.preset = preset;
    }

    @Override
    public EngineInfo getInfo() {
        return preset.info();
    }

    @Override
    public void setEvaluator(ParameterEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    /** The process id of the live worker, or -1 (for diagnostics and tests). */
    public long workerPid() {
        PythonWorker w = worker;
        return w == null ? -1 : w.pid();
    }

    // ---- lifecycle ----------------------------------------------------------------------------

    @Override
    public void initialize(EngineConfig config, AMCredentials credentials) {
        dispose();
        Settings s = parse(config, credentials);
        startWorker(s);
        settings = s;
    }

    @Override
    public ExecutionResult runChunk(MemorySegment input, MemorySegment output) {
        Settings s = requireInitialized();
        Map<String, MemorySegment> in = new LinkedHashMap<>();
        if (input != null && input.byteSize() > 0) {
            in.put(s.inputPort(), input);
        }
        return runChunk(in, Map.of(s.outputPort(), output));
    }

    @Override
    public ExecutionResult runChunk(Map<String, MemorySegment> inputs, Map<String, MemorySegment> outputs) {
        Settings s = requireInitialized();
        if (outputs.isEmpty()) {
            throw new ConfigurationException("engine '" + s.engineId() + "': no output buffer; connect or list an output of "
                    + ports(preset.info().outputPorts()));
        }
        List<Runnable> copyBack = new ArrayList<>();
        Map<String, Object> in = new LinkedHashMap<>();
        Map<String, Object> out = new LinkedHashMap<>();
        inputs.forEach((port, seg) -> in.put(port, region(s, "in." + port, portType(s, port, true), seg, null)));
        outputs.forEach((port, seg) -> out.put(port, region(s, "out." + port, portType(s, port, false), seg, copyBack)));
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", "run");
        request.put("inputs", in);
        request.put("outputs", out);
        request.put("single", inputs.size() <= 1 && outputs.size() == 1);
        JsonNode r = call(s, "run", request).path("result");
        copyBack.forEach(Runnable::run);
        return result(s, r);
    }

    @Override
    public OptionalLong outputRecords(String port, Map<String, MemorySegment> inputs) {
        Settings s = requireInitialized();
        if (s.outputRecords() > 0) {
            return OptionalLong.of(s.outputRecords()); // the user said so: no need to ask the engine
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        inputs.forEach((p, seg) -> counts.put(p, seg.byteSize() / portType(s, p, true).recordSize()));
        // the class's output_records, else (a generator) the size its runChunk's shape check names
        JsonNode records = call(s, "output_records", Map.of("op", "output_records", "port", port, "inputs", counts,
                "type", portType(s, port, false).name(), "single", inputs.size() <= 1)).path("records");
        if (records.isIntegralNumber()) {
            return OptionalLong.of(records.asLong());
        }
        return counts.size() == 1 ? OptionalLong.of(counts.values().iterator().next()) : OptionalLong.empty();
    }

    /** The Python engine's {@code report} of its last run (a solver's result), JSON-friendly. */
    @Override
    public Map<String, Object> report() {
        return report;
    }

    @Override
    public void dispose() {
        Settings s = settings;
        settings = null;
        PythonWorker w = worker;
        worker = null;
        if (w != null) {
            if (!busy && w.isAlive() && s != null) {
                try {
                    w.send(Map.of("op", "dispose"));
                    w.receive();
                } catch (RuntimeException | InterruptedException e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            w.close();
        }
        synchronized (this) {
            if (staging != null) {
                staging.close();
                staging = null;
            }
        }
    }

    @Override
    public boolean isInitialized() {
        Settings s = settings;
        PythonWorker w = worker;
        if (s == null) {
            return false;
        }
        if (w == null || !w.isAlive() || busy) {
            return true; // restarted and re-initialised on the next use
        }
        return call(s, "is_initialized", Map.of("op", "is_initialized")).path("value").asBoolean();
    }

    // ---- the worker ---------------------------------------------------------------------------

    private void startWorker(Settings s) {
        PythonWorker w = PythonWorker.start(s.engineId(), s.python(), PythonRuntime.packageDirectory(), s.pythonPath(), s.workDir(),
                s.startupTimeout());
        worker = w;
        try {
            call(s, "load", s.request());
            Map<String, Object> init = new LinkedHashMap<>();
            init.put("op", "initialize");
            init.put("config", s.engineConfig());
            init.put("credentials", s.credentials());
            call(s, "initialize", init);
        } catch (RuntimeException e) {
            worker = null;
            w.kill();
            throw e;
        }
    }

    /** Sends a request and waits for its reply, serving evaluation requests of the worker meanwhile. */
    private JsonNode call(Settings s, String op, Map<String, ?> request) {
        PythonWorker w = worker;
        boolean startup = op.equals("load") || op.equals("initialize");
        if ((w == null || !w.isAlive()) && !startup) {
            if (w != null) {
                w.kill();
            }
            startWorker(s); // restart after a crash: load and initialise again
            w = worker;
        }
        busy = true;
        try {
            w.send(request);
            while (true) {
                JsonNode reply = w.receive();
                if (reply.has("evaluate")) {
                    w.send(evaluate(s, reply.get("evaluate")));
                    continue;
                }
                if (!reply.path("ok").asBoolean()) {
                    throw failure(s, op, reply.path("error"));
                }
                return reply;
            }
        } catch (InterruptedException e) {
            worker = null;
            w.kill(Duration.ofMillis(100));
            Thread.currentThread().interrupt();
            throw new EngineExecutionException("engine '" + s.engineId() + "': interrupted during '" + op + "' (a timeout?); its Python worker (pid "
                    + w.pid() + ") was stopped with SIGTERM/SIGKILL and is restarted on the next use", e, true);
        } catch (EngineExecutionException e) {
            if (!w.isAlive()) {
                worker = null;
                w.kill();
                if (startup) {
                    throw new InitializationException(e.getMessage(), e);
                }
            }
            throw e;
        } finally {
            busy = false;
        }
    }

    private Map<String, Object> evaluate(Settings s, JsonNode parameters) {
        ParameterEvaluator e = evaluator;
        if (e == null) {
            return Map.of("error", "engine '" + s.engineId() + "' has no evaluator: run it in a pipeline after an engine that writes scenario totals");
        }
        Map<String, Double> p = new LinkedHashMap<>();
        parameters.properties().forEach(f -> p.put(f.getKey(), f.getValue().asDouble()));
        try {
            ValuationResult v = e.evaluate(p);
            Map<String, Object> metrics = new LinkedHashMap<>();
            ValuationResult.METRICS.forEach(m -> metrics.put(m, v.metric(m)));
            return Map.of("valuation", metrics);
        } catch (RuntimeException ex) {
            return Map.of("error", String.valueOf(ex.getMessage()));
        }
    }

    // ---- requests and replies -----------------------------------------------------------------

    private Map<String, Object> region(Settings s, String key, BufferType type, MemorySegment seg, List<Runnable> copyBack) {
        Map<String, Object> r = new LinkedHashMap<>();
        SharedRegion shared = BufferManager.sharedRegion(seg).orElse(null);
        if (shared == null) {
            BufferInfo b = stage(key, type, seg.byteSize());
            long bytes = seg.byteSize();
            MemorySegment target = b.segment();
            if (copyBack == null) {
                MemorySegment.copy(seg, 0, target, 0, bytes);
            } else {
                copyBack.add(() -> MemorySegment.copy(target, 0, seg, 0, bytes));
            }
            shared = new SharedRegion(b.sharedFile().orElseThrow(), 0, bytes);
        }
        r.put("file", shared.file().toString());
        r.put("offset", shared.offset());
        r.put("bytes", shared.bytes());
        r.put("type", type.name());
        return r;
    }

    /** A shared buffer of the engine's own for a segment that is not shared, reused while big enough. */
    private synchronized BufferInfo stage(String key, BufferType type, long bytes) {
        if (staging == null) {
            staging = new BufferManager();
        }
        long records = Math.max(1, (bytes + type.recordSize() - 1) / type.recordSize());
        if (staging.contains(key)) {
            BufferInfo b = staging.get(key);
            if (b.totalBytes() >= bytes && b.type().equals(type)) {
                return b;
            }
            staging.free(key);
        }
        return staging.allocateShared(type, key, records);
    }

    private BufferType portType(Settings s, String port, boolean input) {
        List<PortSpec> ports = input ? preset.info().inputPorts() : preset.info().outputPorts();
        return ports.stream().filter(p -> p.name().equals(port)).findFirst().map(PortSpec::bufferType)
                .orElseThrow(() -> new ConfigurationException("engine '" + s.engineId() + "' (" + preset.info().engineType() + ") has no "
                        + (input ? "input" : "output") + " port '" + port + "'; its " + (input ? "inputs" : "outputs") + ": " + ports(ports)));
    }

    private static List<String> ports(List<PortSpec> ports) {
        return ports.stream().map(p -> p.name() + " (" + p.bufferType().name() + ")").toList();
    }

    private ExecutionResult result(Settings s, JsonNode r) {
        double ms = Math.max(0, r.path("execution_time_ms").asDouble(0));
        List<String> warnings = new ArrayList<>();
        r.path("warnings").forEach(w -> warnings.add(w.asText()));
        JsonNode rep = r.get("report");
        report = rep == null || !rep.isObject() ? Map.of() : reportOf(s, rep);
        if (!r.path("success").asBoolean(true)) {
            return ExecutionResult.failure(ms, "engine '" + s.engineId() + "': " + r.path("error_message").asText("the Python engine reported a failure"));
        }
        ExecutionResult done = ExecutionResult.success(ms, Math.max(0, r.path("rows_processed").asLong(0)),
                Math.max(0, r.path("bytes_written").asLong(0)), warnings);
        return r.path("partial").asBoolean(false) ? done.asPartial(r.path("partial_reason").asText("partial result")) : done;
    }

    /** A solver's report goes through {@link SolverResult}: the same shape as the Java solver's. */
    private Map<String, Object> reportOf(Settings s, JsonNode rep) {
        try {
            JsonNode node = rep;
            if (preset == SOLVER) {
                node = PythonWorker.JSON.readTree(PythonWorker.JSON.treeToValue(rep, SolverResult.class).toJson());
            }
            return PythonWorker.JSON.convertValue(node, new TypeReference<Map<String, Object>>() { });
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new EngineExecutionException("engine '" + s.engineId() + "': unreadable report from Python: " + e.getMessage(), e);
        }
    }

    /** The Java exception for a Python one. */
    private CalcEngineException failure(Settings s, String op, JsonNode error) {
        String type = error.path("type").asText("Exception");
        String kind = error.path("kind").asText("");
        List<String> bases = new ArrayList<>();
        error.path("bases").forEach(b -> bases.add(b.asText()));
        List<StackTraceElement> frames = new ArrayList<>();
        error.path("frames").forEach(f -> {
            String file = f.path(0).asText();
            String module = Path.of(file).getFileName().toString().replaceFirst("\\.py$", "");
            frames.add(new StackTraceElement("python." + module, f.path(2).asText(), file, f.path(1).asInt()));
        });
        String text = error.path("message").asText();
        PythonException cause = new PythonException(type, text, error.path("traceback").asText(""), frames);
        String where = "engine '" + s.engineId() + "': ";
        String what = type + ": " + text;
        switch (kind) {
            case "module_not_found" -> {
                return new InitializationException(where + text + "; add the module's folder to config key 'python.path' or fix 'python.module'"
                        + " / 'python.script'", cause);
            }
            case "class_not_found" -> {
                return new InitializationException(where + text + "; fix config key 'python.class'", cause);
            }
            case "not_an_engine" -> {
                return new InitializationException(where + text + "; the class must implement calc_engine_interface.ICalcEngine "
                        + "(initialize, get_info, runChunk, dispose, is_initialized)", cause);
            }
            case "import_failed" -> {
                return new InitializationException(where + text + " (install what the module imports for " + s.python() + ")", cause);
            }
            default -> { }
        }
        String message = where + what + "\n" + cause.traceback().stripTrailing();
        if (bases.contains("ConfigurationError")) {
            return new ConfigurationException(message, cause);
        }
        if (bases.contains("InitializationError")) {
            return new InitializationException(message, cause);
        }
        if (bases.contains("ExecutionError")) {
            return new EngineExecutionException(message, cause, false);
        }
        if (!error.path("filename").isNull() && !error.path("filename").isMissingNode() && bases.contains("OSError")) {
            return new DataFileException(Path.of(error.path("filename").asText()), message, cause);
        }
        return op.equals("load") || op.equals("initialize") ? new InitializationException(message, cause)
                : new EngineExecutionException(message, cause, false);
    }

    // ---- configuration ------------------------------------------------------------------------

    /**
     * Every problem of {@code config} found without starting a worker: the bridge keys and the files they
     * name, and for {@code python_esg}/{@code python_solver} the shipped engine's own keys.
     */
    public static List<ConfigProblem> checkConfig(String type, EngineConfig config) {
        Preset preset = type.equals(ESG_TYPE) ? ESG : type.equals(SOLVER_TYPE) ? SOLVER : GENERIC;
        return PythonConfig.check(preset, config);
    }

    private Settings parse(EngineConfig config, AMCredentials credentials) {
        ConfigProblems.throwIfAny(config, PythonConfig.check(preset, config));
        String id = config.engineId();
        Map<String, Object> engineConfig = new LinkedHashMap<>();
        config.asMap().forEach((k, v) -> {
            if (!k.startsWith("python.")) {
                engineConfig.put(k, v);
            }
        });
        String script = config.contains("python.script") ? config.getPath("python.script").toString() : null;
        String module = config.getString("python.module", preset.module());
        String className = config.getString("python.class", preset.className());
        String views = config.getString("python.views", "records");
        List<String> path = new ArrayList<>();
        for (String entry : config.getString("python.path", "").split("[,:]")) {
            if (!entry.isBlank()) {
                path.add(config.baseDirectory().resolve(entry.trim()).normalize().toString());
            }
        }
        String inputPort = config.getString("python.input_port",
                preset.info().inputPorts().isEmpty() ? "input" : preset.info().inputPorts().get(0).name());
        String outputPort = config.getString("python.output_port", preset.info().outputPorts().get(0).name());
        double startup = config.getDouble("python.startup_timeout_seconds", 60);
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("op", "load");
        load.put("module", module);
        load.put("class", className);
        load.put("script", script);
        load.put("views", views);
        load.put("layouts", RecordDtypes.describe(List.of()));
        Map<String, Object> creds = null;
        if (credentials != null) {
            creds = new LinkedHashMap<>();
            creds.put("am_url", credentials.url());
            creds.put("am_token", credentials.token());
            creds.put("cache_dir", credentials.cacheDir() == null ? null : credentials.cacheDir().toString());
        }
        Path python = PythonRuntime.python(id, config.getString("python.executable", "python3"));
        return new Settings(id, python, List.copyOf(path), config.baseDirectory(), load, engineConfig, creds,
                config.getLong("python.output_records", 0), inputPort, outputPort, Duration.ofMillis((long) (startup * 1000)));
    }

    private Settings requireInitialized() {
        Settings s = settings;
        if (s == null) {
            throw new IllegalStateException("engine '" + preset.info().engineType() + "' is not initialised");
        }
        return s;
    }
}
