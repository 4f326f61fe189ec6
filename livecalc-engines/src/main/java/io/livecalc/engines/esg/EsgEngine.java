package io.livecalc.engines.esg;

import io.livecalc.api.AMCredentials;
import io.livecalc.api.AMCredentialsAware;
import io.livecalc.api.AMCredentialsProvider;
import io.livecalc.api.BufferType;
import io.livecalc.api.ConfigProblem;
import io.livecalc.api.ConfigurationException;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EngineExecutionException;
import io.livecalc.api.EngineInfo;
import io.livecalc.api.ExecutionResult;
import io.livecalc.api.ICalcEngine;
import io.livecalc.api.PortSpec;
import io.livecalc.api.ScenarioRecord;
import io.livecalc.engines.assumptions.AssumptionResolver;
import io.livecalc.engines.internal.ParallelBlocks;
import io.livecalc.engines.scenario.GbmScenarioGenerator;
import io.livecalc.engines.scenario.ScenarioSet;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * The economic scenario generator (type {@code esg}): interest-rate paths as SCENARIO records.
 *
 * <h2>Ports</h2>
 * No inputs. Out {@code scenarios} (SCENARIO, always written): {@link #recordsNeeded(EngineConfig)} records
 * ({@code 16} bytes each) at the start of the buffer, grouped by scenario in scenario order, years
 * {@code 1..projection_years} ascending; a larger buffer keeps its remaining bytes (a warning says so: hand
 * the projection a slice of {@link #bytesNeeded(EngineConfig)} bytes). A smaller one fails with the bytes
 * needed and given.
 *
 * <h2>Models and config keys</h2>
 * {@code model} (alias {@code esg_model}, required) selects the model; keys a model does not read are
 * rejected, as are unknown keys. Common keys: {@code projection_years} (default 50), {@code seed} (default
 * 42), {@code threads} (default: available processors; the output does not depend on it).
 * <table>
 *   <caption>model keys (defaults)</caption>
 *   <tr><th>model</th><th>keys</th></tr>
 *   <tr><td>{@code vasicek}</td><td>{@code initial_rate} 0.03, {@code mean_reversion} a 0.10 (> 0),
 *       {@code long_term_rate} b 0.05, {@code volatility} 0.01 (>= 0), {@code num_scenarios} 1000,
 *       {@code dt} 1 (1/n year); years 1..1000</td></tr>
 *   <tr><td>{@code hull_white}</td><td>{@code curve} (required: a {@link ZeroCurve} CSV file
 *       {@code maturity_years,zero_rate}, continuously compounded, or an {@code assumptions://} yield-curve
 *       table of such rows, resolved by an {@link AssumptionResolver}), {@code mean_reversion} 0.10,
 *       {@code volatility} 0.01, {@code num_scenarios}, {@code dt}</td></tr>
 *   <tr><td>{@code cir}</td><td>as vasicek, {@code volatility} 0.05, rates >= 0; a warning when the Feller
 *       condition {@code 2ab >= sigma^2} fails</td></tr>
 *   <tr><td>{@code gbm}</td><td>the original C++ generator, bit-compatible ({@link GbmScenarioGenerator}):
 *       {@code initial_rate} 0.03, {@code drift} 0.02, {@code volatility} 0.015, {@code min_rate} 0.001,
 *       {@code max_rate} 0.10, {@code num_scenarios} 1000 (the projection engine's defaults, so that
 *       {@code esg -> projection} equals the projection alone); years 1..50 (the first years of the original's
 *       50); ids {@code 0..n-1}; one stream, so single-threaded</td></tr>
 *   <tr><td>{@code nested}</td><td>the original Python ESG: {@code outer_paths} 10 (3..10),
 *       {@code inner_paths_per_outer} 100 (100..10000), years 1..100, base {@code initial_rate} 0.03,
 *       {@code drift} 0, {@code mean_reversion} 0.1, {@code volatility} 0.01; annual steps; rates rounded to
 *       float32 when stored, as the original stored them</td></tr>
 * </table>
 * The short-rate models are described on {@code ShortRatePaths}: the rate of year {@code y} is the short
 * rate at time {@code y - 1}, so year 1 is the initial rate.
 *
 * <h2>Scenario ids</h2>
 * {@code 0..n-1}, except nested runs: {@code outer_id * stride + inner_id} with
 * {@code stride = max(1000, smallest power of 10 >= inner_paths_per_outer)}, so ids never collide (the
 * original used 1000 and collided above 1000 inner paths); a configuration whose ids would not fit the u32
 * {@code scenario_id} is rejected.
 *
 * <h2>Determinism</h2>
 * Every path draws from its own counter-based stream keyed by the seed and its scenario id
 * ({@code PathStreams}): the output is bit-identical for any thread count and for the SIMD and scalar
 * kernels. Paths are generated 64 at a time (lanes = paths), the normal draws by a ziggurat whose random words
 * come from the Vector API when available; the records are written as each year's step completes.
 *
 * <h2>Failures</h2>
 * {@link #initialize} reports every configuration problem at once in one {@link ConfigurationException};
 * an unreadable curve file is a {@code DataFileException} (file, line, column). {@code runChunk} throws
 * {@link EngineExecutionException} for a buffer that is too small (not transient) or an interruption
 * (transient).
 */
public final class EsgEngine implements ICalcEngine, AMCredentialsAware {

    public static final String TYPE = "esg";
    public static final String PORT_SCENARIOS = "scenarios";

    private static final EngineInfo INFO = new EngineInfo("Java ESG Engine", "0.1.0", TYPE, false,
            BufferType.SCENARIO.maxRecords() * ScenarioRecord.SIZE, List.of(),
            List.of(PortSpec.required(PORT_SCENARIOS, BufferType.SCENARIO,
                    "interest-rate scenarios, grouped by scenario, years 1..projection_years")));

    private final NormalDraws normals;
    private EsgSettings settings;
    private ZeroCurve curve;
    private ExecutorService pool;
    private AMCredentialsProvider credentialsProvider;
    private List<Map<String, Object>> assumptions = List.of();

    public EsgEngine() {
        this(NormalDraws.preferred());
    }

    EsgEngine(NormalDraws normals) {
        this.normals = normals;
    }

    /** Every problem of {@code config}, without creating an engine (what {@code initialize} would refuse). */
    public static List<ConfigProblem> checkConfig(EngineConfig config) {
        return EsgSettings.check(config);
    }

    /**
     * SCENARIO records a run with {@code config} writes (scenarios x years), so that the caller can size
     * the output buffer before initialising the engine.
     *
     * @throws ConfigurationException as {@link #initialize} would, every problem at once
     */
    public static long recordsNeeded(EngineConfig config) {
        return EsgSettings.parse(config).records();
    }

    /** {@link #recordsNeeded} x 16 bytes. */
    public static long bytesNeeded(EngineConfig config) {
        return recordsNeeded(config) * ScenarioRecord.SIZE;
    }

    @Override
    public EngineInfo getInfo() {
        return INFO;
    }

    /** {@code scenarios}: scenarios x years records, as {@link #recordsNeeded} says. */
    @Override
    public java.util.OptionalLong outputRecords(String port, java.util.Map<String, MemorySegment> inputs) {
        EsgSettings s = requireInitialized();
        if (!INFO.outputPort(port).isPresent()) {
            throw new ConfigurationException("engine '" + TYPE + "': unknown output port '" + port + "'; ports: [scenarios]");
        }
        return java.util.OptionalLong.of(s.records());
    }

    @Override
    public void setCredentialsProvider(AMCredentialsProvider provider) {
        this.credentialsProvider = provider;
    }

    @Override
    public void initialize(EngineConfig config, AMCredentials credentials) {
        dispose();
        EsgSettings s = EsgSettings.parse(config);
        ZeroCurve c = null;
        this.assumptions = List.of();
        if (s.model == EsgModel.HULL_WHITE) {
            try (AssumptionResolver resolver = AssumptionResolver.create(config, credentials, credentialsProvider)) {
                c = resolver.zeroCurve(s.curveReference);
                this.assumptions = resolver.resolutions();
            }
        }
        this.curve = c;
        this.pool = s.model == EsgModel.GBM ? null : ParallelBlocks.helperPool("esg", s.threads);
        this.settings = s;
    }

    @Override
    public ExecutionResult runChunk(MemorySegment input, MemorySegment output) {
        EsgSettings s = requireInitialized();
        if (input != null && input.byteSize() != 0) {
            throw new ConfigurationException("engine '" + s.engineId + "': the ESG takes no input, given a buffer of "
                    + input.byteSize() + " bytes");
        }
        long start = System.nanoTime();
        long records = s.records();
        long needed = records * ScenarioRecord.SIZE;
        if (output == null || output.byteSize() < needed) {
            throw new EngineExecutionException("engine '" + s.engineId + "': output '" + PORT_SCENARIOS + "' too small: needs "
                    + needed + " bytes (" + s.scenarios + " scenarios x " + s.years + " years x " + ScenarioRecord.SIZE
                    + " B), given " + (output == null ? 0 : output.byteSize()) + " bytes");
        }
        List<String> warnings = new ArrayList<>();
        if (s.model == EsgModel.GBM) {
            writeGbm(s, output);
        } else {
            boolean shared = output.isAccessibleBy(new Thread(() -> { }));
            if (!shared && pool != null) {
                warnings.add("output buffer is confined to the calling thread: ran on 1 thread instead of " + s.threads
                        + " (allocate it from a shared arena to use every thread)");
            }
            writeShortRates(s, output, shared ? s.threads : 1);
        }
        if (s.model == EsgModel.CIR && 2 * s.meanReversion * s.longTermRate < s.volatility * s.volatility) {
            warnings.add("CIR Feller condition fails: 2ab = " + 2 * s.meanReversion * s.longTermRate + " < sigma^2 = "
                    + s.volatility * s.volatility + "; paths can reach 0 (full truncation keeps rates >= 0)");
        }
        if (curve != null && s.years - 1 > curve.maturities()[curve.maturities().length - 1]) {
            warnings.add("the zero curve ends at " + curve.maturities()[curve.maturities().length - 1] + " years; the "
                    + s.years + "-year projection extrapolates its last forward rate");
        }
        if (output.byteSize() > needed) {
            warnings.add("output '" + PORT_SCENARIOS + "' has " + output.byteSize() + " bytes; the scenarios fill the first "
                    + needed + " (pass a slice of that size to the projection)");
        }
        return ExecutionResult.success((System.nanoTime() - start) / 1e6, records, needed, warnings);
    }

    @Override
    public ExecutionResult runChunk(Map<String, MemorySegment> inputs, Map<String, MemorySegment> outputs) {
        EsgSettings s = requireInitialized();
        if (!inputs.isEmpty()) {
            throw new ConfigurationException("engine '" + s.engineId + "': the ESG has no input ports; given " + inputs.keySet());
        }
        MemorySegment out = outputs.get(PORT_SCENARIOS);
        if (out == null || outputs.size() != 1) {
            throw new ConfigurationException("engine '" + s.engineId + "': output port '" + PORT_SCENARIOS
                    + "' is required and the only one; given " + outputs.keySet());
        }
        return runChunk(MemorySegment.NULL, out);
    }

    private static void writeGbm(EsgSettings s, MemorySegment out) {
        ScenarioSet set = GbmScenarioGenerator.generate(s.gbmParameters());
        for (int p = 0; p < set.count(); p++) {
            for (int y = 1; y <= s.years; y++) {
                long i = (long) p * s.years + y - 1;
                ScenarioRecord.scenarioId(out, i, set.id(p));
                ScenarioRecord.year(out, i, y);
                ScenarioRecord.rate(out, i, set.rate(p, y));
            }
        }
    }

    /**
     * Simulates block by block; after each year's step the block's rates go straight into their records (a
     * block's paths are consecutive, so its records are one range of the output), scenario id and year written
     * together as one little-endian long. (Assembling a block's records on the heap and copying them in bulk
     * measured about 10 % slower: the copy adds a pass over the 16 bytes a record.)
     */
    private void writeShortRates(EsgSettings s, MemorySegment out, int threads) {
        ShortRatePaths paths = new ShortRatePaths(s, curve, normals, (s.years - 1) * s.stepsPerYear);
        int years = s.years;
        int perYear = s.stepsPerYear;
        boolean float32 = s.model == EsgModel.NESTED;
        ParallelBlocks.run("engine '" + s.engineId + "': " + s.scenarios + " scenarios", threads > 1 ? pool : null, threads, paths.blocks(),
                BlockBuffers::new,
                (b, buf) -> {
                    int first = paths.firstPath(b);
                    long[] ids = buf.ids;
                    for (int j = 0; j < paths.lanes(b); j++) {
                        ids[j] = s.scenarioId(first + j);
                    }
                    long firstRecord = (long) first * years;
                    paths.simulate(b, buf.scratch, (step, rates, n) -> {
                        if (step % perYear == 0) {
                            int y = step / perYear;
                            long year = (long) (y + 1) << 32;
                            for (int j = 0; j < n; j++) {
                                double r = float32 ? (double) (float) rates[j] : rates[j];
                                long offset = (firstRecord + (long) j * years + y) * ScenarioRecord.SIZE;
                                out.set(RECORD_WORDS, offset, ids[j] | year);
                                out.set(RECORD_WORDS, offset + Long.BYTES, Double.doubleToRawLongBits(r));
                            }
                        }
                    });
                });
    }

    /** A record as two little-endian longs: {@code scenario_id | year << 32}, then the rate's bits. */
    private static final ValueLayout.OfLong RECORD_WORDS = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Per-thread buffers of {@link #writeShortRates}. */
    private static final class BlockBuffers {
        final ShortRatePaths.Scratch scratch = new ShortRatePaths.Scratch();
        final long[] ids = new long[ShortRatePaths.BLOCK];
    }

    private EsgSettings requireInitialized() {
        EsgSettings s = settings;
        if (s == null) {
            throw new IllegalStateException("engine '" + TYPE + "' is not initialised");
        }
        return s;
    }

    /** The normal-draw kernel in use ("scalar", "simd-512", ...). */
    public String kernelName() {
        return normals.name();
    }

    /** {@code assumptions}: what the {@code curve} reference resolved to (hull_white runs). */
    @Override
    public Map<String, Object> report() {
        return assumptions.isEmpty() ? Map.of() : Map.of("assumptions", assumptions);
    }

    @Override
    public void dispose() {
        settings = null;
        curve = null;
        if (pool != null) {
            pool.shutdownNow();
            pool = null;
        }
    }

    @Override
    public boolean isInitialized() {
        return settings != null;
    }
}
