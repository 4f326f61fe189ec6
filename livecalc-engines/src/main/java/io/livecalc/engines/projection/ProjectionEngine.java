package io.livecalc.engines.projection;

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
import io.livecalc.api.PolicyRecord;
import io.livecalc.api.PortSpec;
import io.livecalc.api.ResultDetailRecord;
import io.livecalc.api.ResultRecord;
import io.livecalc.api.ScenarioTotalRecord;
import io.livecalc.engines.assumptions.AssumptionResolver;
import io.livecalc.engines.assumptions.AssumptionSource;
import io.livecalc.engines.assumptions.ExpenseAssumptions;
import io.livecalc.engines.assumptions.LapseTable;
import io.livecalc.engines.assumptions.MortalityTable;
import io.livecalc.engines.internal.ConfigProblems;
import io.livecalc.engines.internal.ParallelBlocks;
import io.livecalc.engines.projection.internal.CashFlowModel;
import io.livecalc.engines.projection.internal.ChunkProjection;
import io.livecalc.engines.projection.internal.LaneMath;
import io.livecalc.engines.projection.internal.LaneMathProvider;
import io.livecalc.engines.projection.internal.ProjectionConfig;
import io.livecalc.engines.projection.internal.ScenarioGrid;
import io.livecalc.engines.scenario.GbmScenarioGenerator;
import io.livecalc.engines.scenario.ScenarioSet;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * The projection engine (type {@code projection}, alias {@code cpp_projection}): the original C++
 * engine's annual term/whole-life model (projection-model.md), on the Vector API with a scalar fallback,
 * multi-threaded with results independent of the thread count.
 *
 * <h2>Ports</h2>
 * <ul>
 *   <li>in {@code policies} (INPUT, required): every record of the segment is a policy
 *       ({@code byteSize / 32} of them);</li>
 *   <li>in {@code scenarios} (SCENARIO, optional): grouped by scenario, years 1..N ascending; when absent
 *       the engine generates scenarios with the original GBM generator (config keys {@code num_scenarios},
 *       {@code seed}, {@code initial_rate}, {@code drift}, {@code volatility}, {@code min_rate},
 *       {@code max_rate}; defaults those of the original orchestrator's engine: 1000, 42, 0.03, 0.02, 0.015,
 *       0.001, 0.10);</li>
 *   <li>out {@code scenario_totals} (SCENARIO_TOTAL, always written): the portfolio NPV per scenario, in
 *       scenario order, {@code 16 * scenarios} bytes;</li>
 *   <li>out {@code results} (RESULT, optional) and {@code details} (RESULT_DETAIL, optional): one record
 *       per (policy, scenario), policy-major: record {@code p * scenarios + s}.</li>
 * </ul>
 * The single-buffer {@link #runChunk(MemorySegment, MemorySegment)} reads policies and writes RESULT
 * records, as the original engine's did, with the configured or generated scenarios.
 *
 * <h2>Config keys</h2>
 * {@code mortality_table}, {@code lapse_table}, {@code expenses} (required; file paths, {@code local://path}
 * or {@code assumptions://name:version} tables of the Assumptions Manager, resolved by the
 * {@link AssumptionSource}, by default an {@link AssumptionResolver}; {@link #report()} lists what each
 * resolved to), {@code premium_rate} (multiplies every policy's premium, the solver's parameter),
 * {@code mortality_multiplier}, {@code lapse_multiplier}, {@code expense_multiplier} (each default 1, must be > 0), {@code threads} (default: available processors),
 * the GBM keys above, and {@code dynamic_lapse_sensitivity} / {@code dynamic_lapse_reference_rate}
 * (default: {@code initial_rate}) which switch on {@link DynamicLapse} and the general kernel, and
 * {@code accumulate_totals} (default false): add each chunk's totals to the {@code scenario_totals}
 * already in the buffer. The orchestrator sets it when it splits policies into chunks; chunks made of
 * whole blocks of 1024 policies then give totals identical, bit for bit, to one unchunked run.
 *
 * <p>Numerical guarantees are described on the package-private {@code ChunkProjection}: per-pair NPVs
 * equal the model's recursion bit for bit; totals are bit-identical for any thread count and for scalar
 * and SIMD execution.
 */
public final class ProjectionEngine implements ICalcEngine, AMCredentialsAware {

    public static final String TYPE = "projection";
    /** Type names of the original system that mean this engine. */
    public static final List<String> ALIASES = List.of("cpp_projection");

    public static final String PORT_POLICIES = "policies";
    public static final String PORT_SCENARIOS = "scenarios";
    public static final String PORT_SCENARIO_TOTALS = "scenario_totals";
    public static final String PORT_RESULTS = "results";
    public static final String PORT_DETAILS = "details";

    private static final EngineInfo INFO = new EngineInfo("Java Projection Engine", "0.1.0", TYPE, false,
            BufferType.RESULT_DETAIL.maxRecords() * ResultDetailRecord.SIZE,
            List.of(PortSpec.required(PORT_POLICIES, BufferType.INPUT, "policies to project"),
                    PortSpec.optional(PORT_SCENARIOS, BufferType.SCENARIO,
                            "interest-rate scenarios; generated with the GBM generator when not connected")),
            List.of(PortSpec.required(PORT_SCENARIO_TOTALS, BufferType.SCENARIO_TOTAL, "portfolio NPV per scenario"),
                    PortSpec.optional(PORT_RESULTS, BufferType.RESULT, "NPV per (policy, scenario), policy-major"),
                    PortSpec.optional(PORT_DETAILS, BufferType.RESULT_DETAIL,
                            "NPV and component present values per (policy, scenario), policy-major")));

    private final AssumptionSource assumptionSource;
    private final ScenarioAdjustment customAdjustment;
    private final LaneMath math;

    private String engineId = TYPE;
    private CashFlowModel model;
    private ScenarioAdjustment adjustment;
    private GbmScenarioGenerator.Parameters gbm;
    private ScenarioGrid generated;
    private int threads;
    private ExecutorService pool;
    /** Add this chunk's totals to the scenario_totals already in the buffer (chunked runs). */
    private boolean accumulateTotals;
    private AMCredentialsProvider credentialsProvider;
    /** What each assumption reference resolved to (the run summary's record of the versions used). */
    private List<Map<String, Object>> assumptions = List.of();

    /** An engine reading assumption files relative to the config's base directory. */
    public ProjectionEngine() {
        this(null, null);
    }

    /**
     * @param assumptionSource resolves the assumption config values; {@code null} for files relative to the
     *                         config's base directory
     * @param adjustment       a scenario-dependent adjustment applied to every policy (selects the general
     *                         kernel), combined with the configured dynamic lapse if any; {@code null} for none
     */
    public ProjectionEngine(AssumptionSource assumptionSource, ScenarioAdjustment adjustment) {
        this(assumptionSource, adjustment, LaneMathProvider.preferred());
    }

    ProjectionEngine(AssumptionSource assumptionSource, ScenarioAdjustment adjustment, LaneMath math) {
        this.assumptionSource = assumptionSource;
        this.customAdjustment = adjustment;
        this.math = math;
    }

    /**
     * Every problem of {@code config} (keys, types, ranges, the local assumption files, read and parsed)
     * without creating an engine: what {@code initialize} of an engine reading files or the Assumptions
     * Manager would refuse, short of resolving {@code assumptions://} tables.
     */
    public static List<ConfigProblem> checkConfig(EngineConfig config) {
        return ProjectionConfig.check(config, true);
    }

    @Override
    public EngineInfo getInfo() {
        return INFO;
    }

    @Override
    public void setCredentialsProvider(AMCredentialsProvider provider) {
        this.credentialsProvider = provider;
    }

    @Override
    public void initialize(EngineConfig config, AMCredentials credentials) {
        dispose();
        engineId = config.engineId();
        // the tables are read below, naming file, line and column: the check need not read them first
        ConfigProblems.throwIfAny(config, ProjectionConfig.check(config, false));
        double mM = positive(config, "mortality_multiplier");
        double mL = positive(config, "lapse_multiplier");
        double mE = positive(config, "expense_multiplier");
        double premiumRate = positive(config, "premium_rate");
        int threadCount = config.getInt("threads", Runtime.getRuntime().availableProcessors());
        if (threadCount < 1 || threadCount > 1024) {
            throw new ConfigurationException("engine '" + engineId + "': config key 'threads' = " + threadCount
                    + " must be in 1..1024");
        }
        GbmScenarioGenerator.Parameters d = GbmScenarioGenerator.Parameters.orchestratorDefaults();
        GbmScenarioGenerator.Parameters gbm;
        try {
            gbm = new GbmScenarioGenerator.Parameters(config.getInt("num_scenarios", d.count()), config.getLong("seed", d.seed()),
                    config.getDouble("initial_rate", d.initialRate()), config.getDouble("drift", d.drift()),
                    config.getDouble("volatility", d.volatility()), config.getDouble("min_rate", d.minRate()),
                    config.getDouble("max_rate", d.maxRate()));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("engine '" + engineId + "': " + e.getMessage(), e);
        }
        ScenarioAdjustment adj = customAdjustment;
        if (config.contains("dynamic_lapse_sensitivity")) {
            DynamicLapse dl = new DynamicLapse(config.getDouble("dynamic_lapse_sensitivity"),
                    config.getDouble("dynamic_lapse_reference_rate", gbm.initialRate()));
            adj = adj == null ? dl : adj.andThen(dl);
        } else if (config.contains("dynamic_lapse_reference_rate")) {
            throw new ConfigurationException("engine '" + engineId
                    + "': config key 'dynamic_lapse_reference_rate' needs 'dynamic_lapse_sensitivity'");
        }
        CashFlowModel m;
        AssumptionResolver resolver = assumptionSource == null ? AssumptionResolver.create(config, credentials, credentialsProvider) : null;
        try {
            AssumptionSource source = resolver != null ? resolver : assumptionSource;
            m = new CashFlowModel(ProjectionConfig.table(config, "mortality_table", MortalityTable.class, source::mortality),
                    ProjectionConfig.table(config, "lapse_table", LapseTable.class, source::lapse),
                    ProjectionConfig.table(config, "expenses", ExpenseAssumptions.class, source::expenses), mM, mL, mE, premiumRate);
        } finally {
            if (resolver != null) {
                resolver.close();
            }
        }
        this.assumptions = resolver == null ? List.of() : resolver.resolutions();
        this.gbm = gbm;
        this.adjustment = adj;
        this.threads = threadCount;
        this.accumulateTotals = config.getBoolean("accumulate_totals", false);
        this.pool = ParallelBlocks.helperPool("projection", threadCount);
        this.model = m;
    }

    private double positive(EngineConfig config, String key) {
        double v = config.getDouble(key, 1.0);
        if (!(v > 0)) {
            throw new ConfigurationException("engine '" + engineId + "': config key '" + key + "' = " + v + " must be > 0");
        }
        return v;
    }

    @Override
    public ExecutionResult runChunk(MemorySegment input, MemorySegment output) {
        requireInitialized();
        Map<String, MemorySegment> outputs = new HashMap<>();
        outputs.put(PORT_RESULTS, output);
        return run(input, null, outputs);
    }

    @Override
    public ExecutionResult runChunk(Map<String, MemorySegment> inputs, Map<String, MemorySegment> outputs) {
        requireInitialized();
        for (String name : inputs.keySet()) {
            if (INFO.inputPort(name).isEmpty()) {
                throw new ConfigurationException("engine '" + engineId + "': unknown input port '" + name + "'; ports: "
                        + INFO.inputPorts().stream().map(PortSpec::name).toList());
            }
        }
        for (String name : outputs.keySet()) {
            if (INFO.outputPort(name).isEmpty()) {
                throw new ConfigurationException("engine '" + engineId + "': unknown output port '" + name + "'; ports: "
                        + INFO.outputPorts().stream().map(PortSpec::name).toList());
            }
        }
        MemorySegment policies = inputs.get(PORT_POLICIES);
        if (policies == null) {
            throw new ConfigurationException("engine '" + engineId + "': required input port '" + PORT_POLICIES + "' is not connected");
        }
        if (!outputs.containsKey(PORT_SCENARIO_TOTALS)) {
            throw new ConfigurationException("engine '" + engineId + "': output port '" + PORT_SCENARIO_TOTALS
                    + "' is required (it is always written)");
        }
        return run(policies, inputs.get(PORT_SCENARIOS), outputs);
    }

    private ExecutionResult run(MemorySegment policies, MemorySegment scenarios, Map<String, MemorySegment> outputs) {
        long start = System.nanoTime();
        if (policies.byteSize() % PolicyRecord.SIZE != 0) {
            throw new EngineExecutionException("engine '" + engineId + "': input '" + PORT_POLICIES + "' has "
                    + policies.byteSize() + " bytes, not a whole number of " + PolicyRecord.SIZE + "-byte INPUT records");
        }
        long count = policies.byteSize() / PolicyRecord.SIZE;
        if (count > BufferType.INPUT.maxRecords()) {
            throw new EngineExecutionException("engine '" + engineId + "': " + count + " policies exceed the INPUT limit of "
                    + BufferType.INPUT.maxRecords() + " per chunk");
        }
        ScenarioGrid grid;
        if (scenarios == null) {
            if (generated == null) {
                generated = new ScenarioGrid(GbmScenarioGenerator.generate(gbm));
            }
            grid = generated;
        } else {
            try {
                grid = new ScenarioGrid(ScenarioSet.fromRecords(scenarios));
            } catch (IllegalArgumentException e) {
                throw new EngineExecutionException("engine '" + engineId + "': input '" + PORT_SCENARIOS + "': " + e.getMessage(), e);
            }
        }
        MemorySegment totals = outputs.get(PORT_SCENARIO_TOTALS);
        MemorySegment results = outputs.get(PORT_RESULTS);
        MemorySegment details = outputs.get(PORT_DETAILS);
        long pairs = count * grid.scenarios;
        requireCapacity(PORT_SCENARIO_TOTALS, totals, grid.scenarios, ScenarioTotalRecord.SIZE, grid.scenarios + " scenarios");
        requireCapacity(PORT_RESULTS, results, pairs, ResultRecord.SIZE, count + " policies x " + grid.scenarios + " scenarios");
        requireCapacity(PORT_DETAILS, details, pairs, ResultDetailRecord.SIZE, count + " policies x " + grid.scenarios + " scenarios");
        validatePolicies(policies, (int) count, grid, results != null || details != null);

        List<String> warnings = new ArrayList<>();
        boolean shared = true;
        Thread probe = new Thread(() -> { });
        for (MemorySegment seg : new MemorySegment[] {policies, totals, results, details}) {
            shared &= seg == null || seg.isAccessibleBy(probe);
        }
        if (!shared && pool != null) {
            warnings.add("buffers are confined to the calling thread: ran on 1 thread instead of " + threads
                    + " (allocate them from a shared arena to use every thread)");
        }
        double[] initial = new double[grid.scenarios];
        if (accumulateTotals && totals != null) {
            for (int s = 0; s < grid.scenarios; s++) {
                initial[s] = ScenarioTotalRecord.npv(totals, s);
            }
        }
        double[] total = new ChunkProjection(engineId, model, math, policies, (int) count, grid, adjustment, results, details)
                .run(shared ? pool : null, shared ? threads : 1, initial);

        long written = 0;
        if (totals != null) {
            for (int s = 0; s < grid.scenarios; s++) {
                ScenarioTotalRecord.scenarioId(totals, s, grid.set.id(s));
                ScenarioTotalRecord.reserved(totals, s, 0);
                ScenarioTotalRecord.npv(totals, s, total[s]);
            }
            written += grid.scenarios * ScenarioTotalRecord.SIZE;
        }
        written += results == null ? 0 : pairs * ResultRecord.SIZE;
        written += details == null ? 0 : pairs * ResultDetailRecord.SIZE;
        if (grid.set.years() > CashFlowModel.MAX_YEARS) {
            warnings.add("scenarios have " + grid.set.years() + " years; the model projects at most " + CashFlowModel.MAX_YEARS);
        }
        return ExecutionResult.success((System.nanoTime() - start) / 1e6, count, written, warnings);
    }

    private void requireCapacity(String port, MemorySegment seg, long records, long recordSize, String what) {
        if (seg == null) {
            return;
        }
        long needed = records * recordSize;
        if (seg.byteSize() < needed) {
            throw new EngineExecutionException("engine '" + engineId + "': output '" + port + "' too small: needs " + needed
                    + " bytes (" + what + " x " + recordSize + " B), given " + seg.byteSize() + " bytes");
        }
    }

    private void validatePolicies(MemorySegment policies, int count, ScenarioGrid grid, boolean perPair) {
        for (int i = 0; i < count; i++) {
            int age = PolicyRecord.age(policies, i);
            int gender = PolicyRecord.gender(policies, i);
            double sa = PolicyRecord.sumAssured(policies, i);
            double premium = PolicyRecord.premium(policies, i);
            String problem = null;
            if (age > PolicyRecord.MAX_AGE) {
                problem = "age " + age + " is above " + PolicyRecord.MAX_AGE;
            } else if (gender > 1) {
                problem = "gender " + gender + " has no mortality table (0 male, 1 female)";
            } else if (!Double.isFinite(sa) || sa < 0) {
                problem = "sum assured " + sa + " is not a finite amount >= 0";
            } else if (!Double.isFinite(premium) || premium < 0) {
                problem = "premium " + premium + " is not a finite amount >= 0";
            } else if (perPair && Long.compareUnsigned(PolicyRecord.policyId(policies, i), ResultRecord.MAX_POLICY_ID) > 0) {
                problem = "policy id " + Long.toUnsignedString(PolicyRecord.policyId(policies, i))
                        + " does not fit the 32-bit policy_id of RESULT records (max 4294967295); not truncated";
            } else if (CashFlowModel.years(PolicyRecord.term(policies, i)) > grid.years) {
                problem = "term " + PolicyRecord.term(policies, i) + " needs " + CashFlowModel.years(PolicyRecord.term(policies, i))
                        + " projection years but the scenarios have " + grid.set.years();
            }
            if (problem != null) {
                throw new EngineExecutionException("engine '" + engineId + "': input '" + PORT_POLICIES + "' record " + i
                        + " (policy id " + Long.toUnsignedString(PolicyRecord.policyId(policies, i)) + "): " + problem);
            }
        }
    }

    private void requireInitialized() {
        if (model == null) {
            throw new IllegalStateException("engine '" + engineId + "' is not initialised");
        }
    }

    /**
     * Records per output for these inputs: {@code scenario_totals} one per scenario; {@code results} and
     * {@code details} one per (policy, scenario).
     */
    @Override
    public java.util.OptionalLong outputRecords(String port, Map<String, MemorySegment> inputs) {
        requireInitialized();
        MemorySegment scenarios = inputs.get(PORT_SCENARIOS);
        long scenarioCount;
        if (scenarios == null) {
            scenarioCount = gbm.count();
        } else {
            try {
                scenarioCount = ScenarioSet.fromRecords(scenarios).count();
            } catch (IllegalArgumentException e) {
                throw new EngineExecutionException("engine '" + engineId + "': input '" + PORT_SCENARIOS + "': " + e.getMessage(), e);
            }
        }
        MemorySegment policies = inputs.get(PORT_POLICIES);
        long policyCount = policies == null ? 0 : policies.byteSize() / PolicyRecord.SIZE;
        return switch (port) {
            case PORT_SCENARIO_TOTALS -> java.util.OptionalLong.of(scenarioCount);
            case PORT_RESULTS, PORT_DETAILS -> java.util.OptionalLong.of(policyCount * scenarioCount);
            default -> throw new ConfigurationException("engine '" + engineId + "': unknown output port '" + port + "'; ports: "
                    + INFO.outputPorts().stream().map(PortSpec::name).toList());
        };
    }

    /** {@code assumptions}: what each assumption reference resolved to ({@link AssumptionResolver#resolutions()}). */
    @Override
    public Map<String, Object> report() {
        return assumptions.isEmpty() ? Map.of() : Map.of("assumptions", assumptions);
    }

    /** The kernel implementation in use ("scalar", "simd-512", ...). */
    public String kernelName() {
        return math.name();
    }

    @Override
    public void dispose() {
        model = null;
        generated = null;
        adjustment = null;
        if (pool != null) {
            pool.shutdownNow();
            pool = null;
        }
    }

    @Override
    public boolean isInitialized() {
        return model != null;
    }
}
