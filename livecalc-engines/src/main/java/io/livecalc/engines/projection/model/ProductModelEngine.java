package io.livecalc.engines.projection.model;

import io.livecalc.api.AMCredentials;
import io.livecalc.api.BufferType;
import io.livecalc.api.ConfigProblem;
import io.livecalc.api.ConfigurationException;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EngineExecutionException;
import io.livecalc.api.EngineInfo;
import io.livecalc.api.ExecutionResult;
import io.livecalc.api.ICalcEngine;
import io.livecalc.api.Layouts;
import io.livecalc.api.PortSpec;
import io.livecalc.api.ScenarioTotalRecord;
import io.livecalc.engines.internal.ConfigProblems;
import io.livecalc.engines.internal.ParallelBlocks;
import io.livecalc.engines.projection.internal.ChunkProjection;
import io.livecalc.engines.projection.internal.LaneMath;
import io.livecalc.engines.projection.internal.LaneMathProvider;
import io.livecalc.engines.scenario.ScenarioSet;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;

/**
 * The projection engine for a {@link ProductModel} (engine type = the model's name, e.g. {@code basic_term}):
 * the model projects cash flows; this engine discounts them, values them per model point and totals them
 * per scenario, on the Vector API lane kernels and any number of threads.
 *
 * <h2>Ports</h2>
 * <ul>
 *   <li>in {@code model_points} (the model's point type): the points; when not connected, the file named
 *       by the config key {@code model_points} (read in the model's own format at initialisation);</li>
 *   <li>in {@code scenarios} (SCENARIO, optional): stochastic discounting, one curve per scenario (years
 *       1..N, the model's convention turns rates into factors); when absent the model's own curve is
 *       the single scenario, id 0;</li>
 *   <li>out {@code scenario_totals} (SCENARIO_TOTAL, always written): sum over points of the net cash
 *       flow's present value, per scenario;</li>
 *   <li>out {@code point_results} ({@link #resultType}, optional): one record per (point, scenario),
 *       point-major: {@code point_id, scenario_id}, the model's point values, {@code pv_<flow>} for every
 *       flow, {@code pv_net_cf}.</li>
 * </ul>
 * Config keys: the model's, {@code model_points}, {@code threads} (default: available processors) and
 * {@code accumulate_totals} (add to the totals already in the buffer, for chunked runs).
 *
 * <h2>Numbers</h2>
 * Points are cut into fixed blocks of 1024 and groups of {@value #LANES} lanes; every present value is
 * {@code sum_t flow(t) * df(t)} in step order and the totals add points in order within a block, blocks
 * in order, so results are bit-identical for any thread count and for scalar and SIMD lanes.
 */
public final class ProductModelEngine implements ICalcEngine {

    public static final String PORT_MODEL_POINTS = "model_points";
    public static final String PORT_SCENARIOS = "scenarios";
    public static final String PORT_SCENARIO_TOTALS = "scenario_totals";
    public static final String PORT_POINT_RESULTS = "point_results";

    /** Model points projected together (the model's vector width is a divisor). */
    static final int LANES = 32;
    private static final Set<String> ENGINE_KEYS = Set.of("model_points", "threads", "accumulate_totals");

    private final ProductModel model;
    private final LaneMath math;
    private final EngineInfo info;
    private final BufferType resultType;
    private final List<String> resultValues;

    private String engineId;
    private ProductModel.Basis basis;
    private Arena arena;
    private MemorySegment configuredPoints;
    private int threads;
    private ExecutorService pool;
    private boolean accumulateTotals;
    private final Map<String, Object> lastRun = new LinkedHashMap<>();
    /** Thread scratch of earlier runs, reused (at most one per thread of a run). */
    private final java.util.concurrent.ConcurrentLinkedQueue<Scratch> spare = new java.util.concurrent.ConcurrentLinkedQueue<>();

    public ProductModelEngine(ProductModel model) {
        this(model, LaneMathProvider.preferred());
    }

    ProductModelEngine(ProductModel model, LaneMath math) {
        this.model = model;
        this.math = math;
        this.engineId = model.name();
        this.resultType = resultType(model);
        this.resultValues = resultValues(model);
        this.info = new EngineInfo("Java Projection Engine: " + model.name(), "0.1.0", model.name(), false,
                resultType.maxRecords() * resultType.recordSize(),
                List.of(PortSpec.optional(PORT_MODEL_POINTS, model.modelPointType(),
                                "model points; default: the file of config key model_points"),
                        PortSpec.optional(PORT_SCENARIOS, BufferType.SCENARIO,
                                "discount curves, one per scenario; default: the model's own curve")),
                List.of(PortSpec.required(PORT_SCENARIO_TOTALS, BufferType.SCENARIO_TOTAL, "sum of pv_net_cf per scenario"),
                        PortSpec.optional(PORT_POINT_RESULTS, resultType,
                                "premium and present values per (model point, scenario), point-major")));
    }

    /** Names of the result values after {@code point_id, scenario_id}: point values, {@code pv_<flow>}..., {@code pv_net_cf}. */
    public static List<String> resultValues(ProductModel model) {
        List<String> names = new ArrayList<>(model.pointValues());
        model.flows().forEach(f -> names.add("pv_" + f.name()));
        names.add("pv_net_cf");
        return List.copyOf(names);
    }

    /**
     * The per-point result record of a model, {@code <NAME>_RESULT}: {@code point_id u64 @0, scenario_id u32 @8},
     * 4 bytes padding, then one f64 per {@link #resultValues} from offset 16. At most 100M records.
     */
    public static BufferType resultType(ProductModel model) {
        List<MemoryLayout> fields = new ArrayList<>();
        fields.add(ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN).withName("point_id"));
        fields.add(ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).withName("scenario_id"));
        fields.add(MemoryLayout.paddingLayout(4));
        for (String v : resultValues(model)) {
            fields.add(ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN).withName(v));
        }
        StructLayout layout = MemoryLayout.structLayout(fields.toArray(MemoryLayout[]::new)).withName(model.name() + "_result");
        return new BufferType(model.name().toUpperCase(java.util.Locale.ROOT) + "_RESULT", layout, 100_000_000L);
    }

    public ProductModel model() {
        return model;
    }

    @Override
    public EngineInfo getInfo() {
        return info;
    }

    /**
     * Every problem of {@code config} for {@code model} without creating an engine: unknown keys, ranges, the
     * model's basis (its tables and curves, read) and the model points file.
     */
    public static List<ConfigProblem> checkConfig(ProductModel model, EngineConfig config) {
        ConfigProblems problems = new ConfigProblems(config);
        Set<String> keys = new HashSet<>(model.configKeys());
        keys.addAll(ENGINE_KEYS);
        config.unknownKeys(keys).forEach(problems::add);
        int threadCount = problems.get(() -> config.getInt("threads", 1), 1);
        if (threadCount < 1 || threadCount > 1024) {
            problems.add("config key 'threads' = " + threadCount + " must be in 1..1024");
        }
        problems.get(() -> config.getBoolean("accumulate_totals", false), false);
        if (problems.isEmpty()) { // the basis reads the model's files: only once the keys are right
            problems.get(() -> model.configure(config), null);
        }
        if (config.contains("model_points")) {
            Path points = problems.get(() -> config.getPath("model_points"), null);
            if (points != null && !Files.isRegularFile(points)) {
                problems.add("config key 'model_points': file not found: " + points);
            }
        }
        return problems.list();
    }

    @Override
    public void initialize(EngineConfig config, AMCredentials credentials) {
        dispose();
        engineId = config.engineId();
        Set<String> keys = new HashSet<>(model.configKeys());
        keys.addAll(ENGINE_KEYS);
        config.requireKnownKeys(keys);
        int threadCount = config.getInt("threads", Runtime.getRuntime().availableProcessors());
        if (threadCount < 1 || threadCount > 1024) {
            throw new ConfigurationException("engine '" + engineId + "': config key 'threads' = " + threadCount + " must be in 1..1024");
        }
        ProductModel.Basis b = model.configure(config);
        Arena a = Arena.ofShared();
        try {
            configuredPoints = config.contains("model_points") ? b.readModelPoints(config.getPath("model_points"), a) : null;
        } catch (RuntimeException e) {
            a.close();
            throw e;
        }
        arena = a;
        threads = threadCount;
        accumulateTotals = config.getBoolean("accumulate_totals", false);
        pool = ParallelBlocks.helperPool(model.name(), threadCount);
        basis = b;
    }

    /** Single-buffer form: {@code input} model points, {@code output} point results, the model's own curve. */
    @Override
    public ExecutionResult runChunk(MemorySegment input, MemorySegment output) {
        requireInitialized();
        return run(input == null || input.equals(MemorySegment.NULL) ? null : input, null, null, output);
    }

    @Override
    public ExecutionResult runChunk(Map<String, MemorySegment> inputs, Map<String, MemorySegment> outputs) {
        requireInitialized();
        for (String name : inputs.keySet()) {
            if (info.inputPort(name).isEmpty()) {
                throw new ConfigurationException("engine '" + engineId + "': unknown input port '" + name + "'; ports: "
                        + info.inputPorts().stream().map(PortSpec::name).toList());
            }
        }
        for (String name : outputs.keySet()) {
            if (info.outputPort(name).isEmpty()) {
                throw new ConfigurationException("engine '" + engineId + "': unknown output port '" + name + "'; ports: "
                        + info.outputPorts().stream().map(PortSpec::name).toList());
            }
        }
        if (!outputs.containsKey(PORT_SCENARIO_TOTALS)) {
            throw new ConfigurationException("engine '" + engineId + "': output port '" + PORT_SCENARIO_TOTALS
                    + "' is required (it is always written)");
        }
        return run(inputs.get(PORT_MODEL_POINTS), inputs.get(PORT_SCENARIOS), outputs.get(PORT_SCENARIO_TOTALS),
                outputs.get(PORT_POINT_RESULTS));
    }

    private MemorySegment points(MemorySegment given) {
        if (given != null) {
            return given;
        }
        if (configuredPoints == null) {
            throw new ConfigurationException("engine '" + engineId + "': no model points: connect input '" + PORT_MODEL_POINTS
                    + "' or set config key 'model_points'");
        }
        return configuredPoints;
    }

    private ExecutionResult run(MemorySegment given, MemorySegment scenarios, MemorySegment totals, MemorySegment results) {
        long start = System.nanoTime();
        MemorySegment points = points(given);
        long stride = model.modelPointType().recordSize();
        if (points.byteSize() % stride != 0) {
            throw new EngineExecutionException("engine '" + engineId + "': input '" + PORT_MODEL_POINTS + "' has " + points.byteSize()
                    + " bytes, not a whole number of " + stride + "-byte " + model.modelPointType().name() + " records");
        }
        long count = points.byteSize() / stride;
        if (count > model.modelPointType().maxRecords()) {
            throw new EngineExecutionException("engine '" + engineId + "': " + count + " model points exceed the "
                    + model.modelPointType().name() + " limit of " + model.modelPointType().maxRecords() + " per chunk");
        }
        int steps = 1;
        for (long i = 0; i < count; i++) {
            String problem = basis.problem(points, i);
            if (problem != null) {
                throw new EngineExecutionException("engine '" + engineId + "': input '" + PORT_MODEL_POINTS + "' record " + i
                        + " (point_id " + Long.toUnsignedString(basis.pointId(points, i)) + "): " + problem);
            }
            steps = Math.max(steps, basis.steps(points, i));
        }
        Curves curves = curves(scenarios, steps);
        int n = curves.ids.length;
        requireCapacity(PORT_SCENARIO_TOTALS, totals, n, ScenarioTotalRecord.SIZE);
        requireCapacity(PORT_POINT_RESULTS, results, count * n, resultType.recordSize());

        boolean shared = true;
        Thread probe = new Thread(() -> { });
        for (MemorySegment seg : new MemorySegment[] {points, totals, results}) {
            shared &= seg == null || seg.isAccessibleBy(probe);
        }
        List<String> warnings = new ArrayList<>();
        if (!shared && pool != null) {
            warnings.add("buffers are confined to the calling thread: ran on 1 thread instead of " + threads);
        }
        int blocks = (int) ((count + ChunkProjection.BLOCK - 1) / ChunkProjection.BLOCK);
        double[][] partials = new double[blocks][];
        int maxSteps = steps;
        Thread caller = Thread.currentThread();
        List<Scratch> taken = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            ParallelBlocks.run("engine '" + engineId + "': " + count + " model points", shared ? pool : null, shared ? threads : 1,
                    blocks, () -> {
                        Scratch sc = scratch(n, maxSteps);
                        taken.add(sc);
                        return sc;
                    },
                    (b, sc) -> partials[b] = block(points, count, b, curves, results, sc, caller));
        } finally {
            spare.addAll(taken);
        }
        double[] sum = new double[n];
        if (accumulateTotals && totals != null) {
            for (int s = 0; s < n; s++) {
                sum[s] = ScenarioTotalRecord.npv(totals, s);
            }
        }
        for (double[] partial : partials) {
            math.add(sum, partial, n);
        }
        long written = 0;
        if (totals != null) {
            for (int s = 0; s < n; s++) {
                ScenarioTotalRecord.scenarioId(totals, s, curves.ids[s]);
                ScenarioTotalRecord.reserved(totals, s, 0);
                ScenarioTotalRecord.npv(totals, s, sum[s]);
            }
            written += n * ScenarioTotalRecord.SIZE;
        }
        written += results == null ? 0 : count * n * resultType.recordSize();
        lastRun.clear();
        lastRun.put("model_points", count);
        lastRun.put("scenarios", n);
        lastRun.put("steps", steps);
        lastRun.put("kernel", math.name());
        return ExecutionResult.success((System.nanoTime() - start) / 1e6, count, written, warnings);
    }

    /** Discount factors by scenario: {@code byScenario[s][t]}, and {@code byStep[t][s]} for lanes = scenarios. */
    private record Curves(long[] ids, double[][] byScenario, double[][] byStep) {
    }

    private Curves curves(MemorySegment scenarios, int steps) {
        if (scenarios == null) {
            try {
                return new Curves(new long[] {0}, new double[][] {basis.discountFactors(steps)}, null);
            } catch (IllegalArgumentException e) {
                throw new EngineExecutionException("engine '" + engineId + "': " + e.getMessage(), e);
            }
        }
        ScenarioSet set;
        try {
            set = ScenarioSet.fromRecords(scenarios);
        } catch (IllegalArgumentException e) {
            throw new EngineExecutionException("engine '" + engineId + "': input '" + PORT_SCENARIOS + "': " + e.getMessage(), e);
        }
        int n = set.count();
        long[] ids = new long[n];
        double[][] byScenario = new double[n][];
        for (int s = 0; s < n; s++) {
            ids[s] = set.id(s);
            double[] rates = new double[set.years()];
            for (int y = 1; y <= rates.length; y++) {
                rates[y - 1] = set.rate(s, y);
            }
            try {
                byScenario[s] = basis.discountFactors(rates, steps);
            } catch (IllegalArgumentException e) {
                throw new EngineExecutionException("engine '" + engineId + "': input '" + PORT_SCENARIOS + "', scenario "
                        + ids[s] + ": " + e.getMessage(), e);
            }
        }
        double[][] byStep = new double[steps][n];
        for (int s = 0; s < n; s++) {
            for (int t = 0; t < steps; t++) {
                byStep[t][s] = byScenario[s][t];
            }
        }
        return new Curves(ids, byScenario, byStep);
    }

    private double[] block(MemorySegment points, long count, int b, Curves curves, MemorySegment results, Scratch sc, Thread caller) {
        long from = (long) b * ChunkProjection.BLOCK;
        long to = Math.min(count, from + ChunkProjection.BLOCK);
        int n = curves.ids.length;
        int flows = model.flows().size();
        int values = model.pointValues().size();
        double[] partial = new double[n];
        for (long g = from; g < to; g += LANES) {
            if (caller.isInterrupted()) {
                throw new CancellationException();
            }
            int lanes = (int) Math.min(LANES, to - g);
            int steps = 0;
            for (int j = 0; j < lanes; j++) {
                steps = Math.max(steps, basis.steps(points, g + j));
            }
            if (n == 1) {
                // one curve: lanes = model points; the model may discount as it projects (same numbers)
                double[] df = curves.byScenario[0];
                if (!basis.projectPresentValues(points, g, lanes, steps, df, sc.flows, sc.values, sc.pv)) {
                    basis.project(points, g, lanes, steps, sc.flows, sc.values);
                    for (int f = 0; f < flows; f++) {
                        Arrays.fill(sc.pv[f], 0, lanes, 0.0);
                        for (int t = 0; t < steps; t++) {
                            math.addScaledRow(sc.pv[f], df[t], sc.flows[f], t * lanes, lanes);
                        }
                    }
                }
                for (int j = 0; j < lanes; j++) {
                    double net = 0.0;
                    for (int f = 0; f < flows; f++) {
                        net = model.flows().get(f).sign() > 0 ? net + sc.pv[f][j] : net - sc.pv[f][j];
                    }
                    partial[0] = partial[0] + net;
                    if (results != null) {
                        write(results, (g + j) * n, basis.pointId(points, g + j), curves.ids[0], sc, j, j, values, flows, net);
                    }
                }
            } else {
                // many curves: lanes = scenarios
                basis.project(points, g, lanes, steps, sc.flows, sc.values);
                for (int j = 0; j < lanes; j++) {
                    for (int f = 0; f < flows; f++) {
                        Arrays.fill(sc.pv[f], 0, n, 0.0);
                        for (int t = 0; t < steps; t++) {
                            math.addScaled(sc.pv[f], sc.flows[f][t * lanes + j], curves.byStep[t], n);
                        }
                    }
                    for (int s = 0; s < n; s++) {
                        double net = 0.0;
                        for (int f = 0; f < flows; f++) {
                            net = model.flows().get(f).sign() > 0 ? net + sc.pv[f][s] : net - sc.pv[f][s];
                        }
                        sc.net[s] = net;
                        if (results != null) {
                            write(results, (g + j) * n + s, basis.pointId(points, g + j), curves.ids[s], sc, j, s, values, flows, net);
                        }
                    }
                    math.add(partial, sc.net, n);
                }
            }
        }
        return partial;
    }

    private static void write(MemorySegment results, long record, long pointId, long scenarioId, Scratch sc, int lane, int pvIndex,
                              int values, int flows, double net) {
        long base = record * sc.stride;
        results.set(Layouts.U64, base, pointId);
        results.set(Layouts.U32, base + 8, (int) scenarioId);
        results.set(Layouts.U32, base + 12, 0);
        long at = base + 16;
        for (int v = 0; v < values; v++, at += 8) {
            results.set(Layouts.F64, at, sc.values[v][lane]);
        }
        for (int f = 0; f < flows; f++, at += 8) {
            results.set(Layouts.F64, at, sc.pv[f][pvIndex]);
        }
        results.set(Layouts.F64, at, net);
    }

    /** A spare thread scratch large enough for {@code scenarios} and {@code steps}, or a new one (smaller spares are dropped). */
    private Scratch scratch(int scenarios, int steps) {
        for (Scratch sc = spare.poll(); sc != null; sc = spare.poll()) {
            if (sc.fits(scenarios, steps)) {
                return sc;
            }
        }
        return new Scratch(model, scenarios, steps);
    }

    /**
     * Per-thread arrays, kept between runs (a run writes every element it reads: {@link ProductModel.Basis#project}
     * fills its steps and lanes, present values are zeroed before they are summed).
     */
    private static final class Scratch {
        final double[][] flows;
        final double[][] values;
        final double[][] pv;
        final double[] net;
        final long stride;

        Scratch(ProductModel model, int scenarios, int steps) {
            flows = new double[model.flows().size()][LANES * steps];
            values = new double[model.pointValues().size()][LANES];
            pv = new double[model.flows().size()][Math.max(LANES, scenarios)];
            net = new double[scenarios];
            stride = 16 + 8L * (model.pointValues().size() + model.flows().size() + 1);
        }

        boolean fits(int scenarios, int steps) {
            return net.length >= scenarios && (flows.length == 0 || flows[0].length >= LANES * steps);
        }
    }

    private void requireCapacity(String port, MemorySegment seg, long records, long recordSize) {
        if (seg != null && seg.byteSize() < records * recordSize) {
            throw new EngineExecutionException("engine '" + engineId + "': output '" + port + "' too small: needs " + records * recordSize
                    + " bytes (" + records + " records x " + recordSize + " B), given " + seg.byteSize() + " bytes");
        }
    }

    private void requireInitialized() {
        if (basis == null) {
            throw new IllegalStateException("engine '" + engineId + "' is not initialised");
        }
    }

    /** {@code scenario_totals}: one per scenario (1 without scenarios); {@code point_results}: points x scenarios. */
    @Override
    public OptionalLong outputRecords(String port, Map<String, MemorySegment> inputs) {
        requireInitialized();
        MemorySegment scenarios = inputs.get(PORT_SCENARIOS);
        long n;
        try {
            n = scenarios == null ? 1 : ScenarioSet.fromRecords(scenarios).count();
        } catch (IllegalArgumentException e) {
            throw new EngineExecutionException("engine '" + engineId + "': input '" + PORT_SCENARIOS + "': " + e.getMessage(), e);
        }
        long points = points(inputs.get(PORT_MODEL_POINTS)).byteSize() / model.modelPointType().recordSize();
        return switch (port) {
            case PORT_SCENARIO_TOTALS -> OptionalLong.of(n);
            case PORT_POINT_RESULTS -> OptionalLong.of(points * n);
            default -> throw new ConfigurationException("engine '" + engineId + "': unknown output port '" + port + "'; ports: "
                    + info.outputPorts().stream().map(PortSpec::name).toList());
        };
    }

    /** The model points read from config key {@code model_points}, or empty. */
    public java.util.Optional<MemorySegment> configuredModelPoints() {
        return java.util.Optional.ofNullable(configuredPoints);
    }

    /** The configured model (tables loaded), for reading model point files in its format. */
    public ProductModel.Basis basis() {
        requireInitialized();
        return basis;
    }

    @Override
    public Map<String, Object> report() {
        Map<String, Object> r = new LinkedHashMap<>();
        if (basis != null) {
            r.putAll(basis.report());
        }
        r.putAll(lastRun);
        return r;
    }

    /** The discounting kernel in use ("scalar", "simd-512"). */
    public String kernelName() {
        return math.name();
    }

    @Override
    public void dispose() {
        basis = null;
        configuredPoints = null;
        spare.clear();
        if (pool != null) {
            pool.shutdownNow();
            pool = null;
        }
        if (arena != null) {
            arena.close();
            arena = null;
        }
    }

    @Override
    public boolean isInitialized() {
        return basis != null;
    }
}
