package io.livecalc.orchestrator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livecalc.api.AMCredentials;
import io.livecalc.api.ConfigProblem;
import io.livecalc.api.EngineConfig;
import io.livecalc.orchestrator.credentials.CredentialManager;
import io.livecalc.orchestrator.dag.DataKind;
import io.livecalc.orchestrator.dag.DataSourceSpec;
import io.livecalc.orchestrator.dag.EngineSpec;
import io.livecalc.orchestrator.dag.FileFormat;
import io.livecalc.orchestrator.dag.InputBinding;
import io.livecalc.orchestrator.dag.OutputSpec;
import io.livecalc.orchestrator.dag.internal.DataFiles;
import io.livecalc.orchestrator.dag.internal.EngineCatalog;
import io.livecalc.orchestrator.dag.internal.InMemoryData;
import io.livecalc.orchestrator.dag.internal.PipelineValidator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Builds a {@link Pipeline} in code; reads like the pipeline it builds:
 *
 * <pre>{@code
 * Pipeline pipeline = Pipeline.builder()
 *     .policies("policies", Path.of("policies.parquet"))
 *     .engine("esg", "esg", e -> e.config("model", "vasicek").config("num_scenarios", 1000))
 *     .engine("projection", "projection", e -> e
 *         .input("policies").input("esg.scenarios")
 *         .config("mortality_table", "mortality.csv")
 *         .output("results"))
 *     .output(Path.of("results.parquet"))
 *     .timeout(Duration.ofMinutes(5))
 *     .build();
 * }</pre>
 *
 * <p>Data may also be handed over in memory: {@link #policies(String, List)} (records),
 * {@link #policies(String, java.lang.foreign.MemorySegment)}, {@link #scenarios(String, double[][])},
 * {@link #scenarios(String, int, int, ScenarioRates)}; tables are config values ({@code MortalityTable.of(...)}).
 * A pipeline needs no file at all. Engines of your own: {@link #engine(String, java.util.function.Supplier, Consumer)}
 * or {@link #register(io.livecalc.api.EngineProvider)}.
 *
 * <p>{@link #build()} validates everything at once (ids, engine types, references, port types, required
 * inputs, cycles, the output) and throws a {@link DagValidationException} listing every problem. The
 * JSON DAG loader fills this same builder, so code and JSON produce the same model.
 */
public final class PipelineBuilder {

    private final List<DataSourceSpec> sources = new ArrayList<>();
    /** Engine types registered with this builder, added to whichever factory it builds with. */
    private final List<io.livecalc.api.EngineProvider> registered = new ArrayList<>();
    private final Map<String, InMemoryData> inMemory = new LinkedHashMap<>();
    private final List<EngineSpec> engines = new ArrayList<>();
    private final List<DagProblem> preProblems = new ArrayList<>();
    private OutputSpec output;
    private AMCredentials credentials;
    private ExecutionOptions execution = ExecutionOptions.DEFAULTS;
    private String sourceName = "pipeline";
    private Path baseDirectory = Path.of("").toAbsolutePath();
    private EngineCatalog catalog;
    private EngineFactory factory;
    private CredentialManager credentialManager;
    private final List<String[]> overrides = new ArrayList<>();
    private Path outputDirectory;
    private String enginesLocation = "engines";
    private JsonNode definition;

    PipelineBuilder() {
    }

    /**
     * A builder filled from a DAG file (relative paths against its folder, {@code ${VAR}} from the process
     * environment), for adjusting before {@link #build()}: {@link #set}, {@link #outputDirectory}, ...
     * Problems in the file are reported, all together, by {@code build()}.
     */
    public static PipelineBuilder fromJson(Path dagFile) {
        return DagJsonReader.read(dagFile, System::getenv, new PipelineBuilder());
    }

    // ---- data sources --------------------------------------------------------------------------

    /** A policies file (Parquet or CSV, from its extension). */
    public PipelineBuilder policies(String id, Path file) {
        return dataSource(id, file, DataKind.POLICIES);
    }

    /** A scenarios file (Parquet, or CSV in long or wide form). */
    public PipelineBuilder scenarios(String id, Path file) {
        return dataSource(id, file, DataKind.SCENARIOS);
    }

    /** A data file whose kind is recognised from its columns. */
    public PipelineBuilder dataSource(String id, Path file) {
        return dataSource(id, file, null);
    }

    private PipelineBuilder dataSource(String id, Path file, DataKind kind) {
        Path resolved = baseDirectory.resolve(file).normalize();
        String where = "dataSource(\"" + id + "\")";
        FileFormat format = FileFormat.ofPath(resolved).orElse(null);
        if (format == null) {
            preProblems.add(new DagProblem(where, "cannot tell the format of " + file + " from its name; use .parquet or .csv"));
            return this;
        }
        return dataSource(new DataSourceSpec(id, format, resolved, kind, where));
    }

    /**
     * Policies held in memory as Java records whose components are named like the policy fields: {@code policyId,
     * age, gender, sumAssured, premium, term, productType, underwritingClass} (numbers; case and underscores do not
     * matter; other components are ignored). The projection's {@code io.livecalc.engines.projection.Policy} is one.
     * The list is copied; {@link #build()} checks every value as a policies file is checked (ranges, codes, unique
     * ids) and reports each problem with its row, policy id and field.
     */
    public PipelineBuilder policies(String id, List<? extends Record> policies) {
        String where = "policies(\"" + id + "\", List)";
        String shape = InMemoryData.shapeProblem(policies);
        if (shape != null) {
            preProblems.add(new DagProblem(where, "data source '" + id + "': " + shape));
            return this;
        }
        return inMemory(InMemoryData.policies(id, policies), where);
    }

    /**
     * Policies as {@link io.livecalc.api.PolicyRecord}s in a memory segment (off-heap or heap), e.g. filled with
     * {@link io.livecalc.buffers.PolicyView} or read from Arrow with livecalc-parquet's
     * {@code ArrowBuffers.records}. Each run copies the segment's current content into the run's buffer and checks
     * it as a policies file is checked; {@link #build()} checks it once too. The segment must stay alive as long
     * as the pipeline runs.
     */
    public PipelineBuilder policies(String id, java.lang.foreign.MemorySegment records) {
        return segment(id, records, io.livecalc.api.BufferType.INPUT, "policies");
    }

    /**
     * Scenarios held in memory: {@code rates[s][y]} is scenario {@code s}'s (id {@code s}, from 0) short rate in
     * projection year {@code y + 1}; every scenario has the same number of years. The outer array is copied, the
     * rows are read when each run starts.
     */
    public PipelineBuilder scenarios(String id, double[][] rates) {
        return inMemory(InMemoryData.scenarios(id, rates), "scenarios(\"" + id + "\", double[][])");
    }

    /** Scenarios {@code 0..scenarios-1} of {@code years} years each, their rates computed by {@code rates} when each run starts. */
    public PipelineBuilder scenarios(String id, int scenarios, int years, ScenarioRates rates) {
        return inMemory(InMemoryData.scenarios(id, scenarios, years, Objects.requireNonNull(rates, "rates")),
                "scenarios(\"" + id + "\", " + scenarios + ", " + years + ", ScenarioRates)");
    }

    /**
     * Scenarios as {@link io.livecalc.api.ScenarioRecord}s in a memory segment: grouped by scenario, years 1..N
     * ascending, the same N for each; read and checked when each run starts, and by {@link #build()}.
     */
    public PipelineBuilder scenarios(String id, java.lang.foreign.MemorySegment records) {
        return segment(id, records, io.livecalc.api.BufferType.SCENARIO, "scenarios");
    }

    private PipelineBuilder segment(String id, java.lang.foreign.MemorySegment records, io.livecalc.api.BufferType type, String method) {
        String where = method + "(\"" + id + "\", MemorySegment)";
        String size = InMemoryData.segmentProblem(Objects.requireNonNull(records, "records"), type);
        if (size != null) {
            preProblems.add(new DagProblem(where, "data source '" + id + "': " + size));
            return this;
        }
        return inMemory(type.equals(io.livecalc.api.BufferType.INPUT) ? InMemoryData.policies(id, records)
                : InMemoryData.scenarios(id, records), where);
    }

    private PipelineBuilder inMemory(InMemoryData data, String where) {
        for (String problem : data.check()) {
            preProblems.add(new DagProblem(where, "data source '" + data.id + "': " + problem));
        }
        inMemory.putIfAbsent(data.id, data); // a second source of that id is reported as a duplicate by validation
        return dataSource(new DataSourceSpec(data.id, null, null, data.kind, where));
    }

    PipelineBuilder dataSource(DataSourceSpec spec) {
        sources.add(Objects.requireNonNull(spec));
        return this;
    }

    // ---- engines -------------------------------------------------------------------------------

    /** An engine of a registered type (or alias), described by {@code spec}. */
    public PipelineBuilder engine(String id, String type, Consumer<EngineStep> spec) {
        EngineStep step = new EngineStep(id);
        spec.accept(step);
        return engine(new EngineSpec(id, type, step.config, step.inputs, step.outputs, step.optional, step.location));
    }

    /** An engine without inputs or configuration (e.g. an ESG with defaults). */
    public PipelineBuilder engine(String id, String type) {
        return engine(id, type, e -> { });
    }

    /**
     * An engine of your own, made by {@code engine} (e.g. {@code AfterTaxEngine::new}): its type, the
     * {@link io.livecalc.api.EngineInfo#engineType()} it declares, is registered with this builder, then used as
     * {@link #engine(String, String, Consumer)} would. README, "Writing your own engine".
     */
    public PipelineBuilder engine(String id, java.util.function.Supplier<? extends io.livecalc.api.ICalcEngine> engine, Consumer<EngineStep> spec) {
        String type;
        try (io.livecalc.api.ICalcEngine probe = engine.get()) {
            type = probe.getInfo().engineType();
        }
        register(new io.livecalc.api.EngineProvider() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public io.livecalc.api.EngineInfo describe() {
                try (io.livecalc.api.ICalcEngine e = engine.get()) {
                    return e.getInfo();
                }
            }

            @Override
            public io.livecalc.api.ICalcEngine create() {
                return engine.get();
            }
        });
        return engine(id, type, spec);
    }

    /**
     * Registers an engine type for this builder's pipelines, as if its provider were found by ServiceLoader (which
     * finds providers listed in {@code META-INF/services/io.livecalc.api.EngineProvider} without this call). A type
     * already registered under that name by another engine class is a problem {@link #build()} reports.
     */
    public PipelineBuilder register(io.livecalc.api.EngineProvider provider) {
        registered.add(Objects.requireNonNull(provider, "provider"));
        if (factory != null) {
            registerInto(factory, provider);
        }
        return this;
    }

    private void registerInto(EngineFactory f, io.livecalc.api.EngineProvider provider) {
        String type = provider.type();
        if (f.isRegistered(type)) {
            Class<?> registeredClass;
            Class<?> mineClass;
            try (io.livecalc.api.ICalcEngine e = f.create(type); io.livecalc.api.ICalcEngine mine = provider.create()) {
                registeredClass = e.getClass();
                mineClass = mine.getClass();
            }
            if (registeredClass != mineClass) { // else the same engine, found by ServiceLoader too
                preProblems.add(new DagProblem("register(" + type + ")", "engine type '" + type + "' of " + mineClass.getName()
                        + " is already registered for " + registeredClass.getName() + "; give your engine another engineType in its EngineInfo"));
            }
            return;
        }
        try {
            f.register(provider);
        } catch (IllegalArgumentException e) {
            preProblems.add(new DagProblem("register(" + type + ")", e.getMessage()));
        }
    }

    PipelineBuilder engine(EngineSpec spec) {
        engines.add(Objects.requireNonNull(spec));
        return this;
    }

    /** Configures one engine: its inputs, outputs and configuration. */
    public static final class EngineStep {
        private final String location;
        private final Map<String, Object> config = new LinkedHashMap<>();
        private final List<InputBinding> inputs = new ArrayList<>();
        private final List<String> outputs = new ArrayList<>();
        private boolean optional;

        private EngineStep(String id) {
            this.location = "engine(\"" + id + "\")";
        }

        /**
         * A configuration value: a string, number or boolean, or a value the engine takes as it is, such as the
         * projection's tables ({@code MortalityTable.of(...)}, {@code LapseTable.of(...)}, {@code ExpenseAssumptions}).
         */
        public EngineStep config(String key, Object value) {
            config.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, () -> "value of " + key));
            return this;
        }

        public EngineStep config(Map<String, ?> values) {
            values.forEach(this::config);
            return this;
        }

        /** Reads a data source or {@code engine.output}; the input port is chosen by buffer type. */
        public EngineStep input(String reference) {
            inputs.add(new InputBinding(null, reference, location + ".input(\"" + reference + "\")"));
            return this;
        }

        /** Reads a data source or {@code engine.output} into the named input port. */
        public EngineStep input(String port, String reference) {
            inputs.add(new InputBinding(port, reference, location + ".input(\"" + port + "\", \"" + reference + "\")"));
            return this;
        }

        /** Asks for optional outputs (required ones are always written). */
        public EngineStep output(String... ports) {
            outputs.addAll(List.of(ports));
            return this;
        }

        /** Under {@link FailurePolicy#SKIP_OPTIONAL} a failure of this engine is skipped, not fatal. */
        public EngineStep optional() {
            optional = true;
            return this;
        }
    }

    // ---- output, credentials, execution --------------------------------------------------------

    /** Writes the single terminal engine's first output to a Parquet file. */
    public PipelineBuilder output(Path file) {
        return output(new OutputSpec(FileFormat.PARQUET, baseDirectory.resolve(file).normalize(), null, "output(" + file + ")"));
    }

    /** Writes {@code engine.output} to a Parquet file. */
    public PipelineBuilder output(Path file, String from) {
        return output(new OutputSpec(FileFormat.PARQUET, baseDirectory.resolve(file).normalize(), from, "output(" + file + ")"));
    }

    PipelineBuilder output(OutputSpec spec) {
        this.output = spec;
        return this;
    }

    /**
     * Assumptions Manager credentials for engines that resolve {@code assumptions://} tables (a DAG's
     * {@code am_credentials}). They take priority over the environment and the credentials file.
     *
     * <p>Like credentials from those sources, they reach an engine's {@code initialize} only when some engine's
     * configuration names an {@code assumptions://} table (see {@link Pipeline#credentials()}): a pipeline of files
     * or values carries no token into its engines. An engine that needs them for another purpose implements
     * {@link io.livecalc.api.AMCredentialsAware}; its provider hands them out when asked.
     */
    public PipelineBuilder credentials(AMCredentials credentials) {
        this.credentials = credentials;
        return this;
    }

    /**
     * Where credentials come from when none are given explicitly; default
     * {@link CredentialManager#fromEnvironment()} ({@code LIVECALC_AM_*} variables, then
     * {@code ~/.livecalc/credentials.json}). A pipeline that uses no Assumptions Manager never needs any.
     * Engines that implement {@link io.livecalc.api.AMCredentialsAware} get it as their provider, so its
     * refresher (e.g. {@code AssumptionsManagerAuth::refresh}) renews tokens; explicit credentials keep it.
     */
    public PipelineBuilder credentialManager(CredentialManager manager) {
        this.credentialManager = Objects.requireNonNull(manager, "manager");
        return this;
    }

    /** The execution options set so far (from the DAG's {@code execution} block or the methods below). */
    public ExecutionOptions execution() {
        return execution;
    }

    public PipelineBuilder execution(ExecutionOptions options) {
        this.execution = Objects.requireNonNull(options);
        return this;
    }

    /** Per engine call; the engine is stopped when it is exceeded. */
    public PipelineBuilder timeout(Duration timeout) {
        ExecutionOptions e = execution;
        return execution(new ExecutionOptions(timeout, e.maxAttempts(), e.initialBackoff(), e.failurePolicy(), e.parallelism(),
                e.chunkPolicies(), e.memoryBudgetBytes(), e.engine()));
    }

    /** Attempts per engine call including the first; only transient failures are retried. */
    public PipelineBuilder maxAttempts(int attempts) {
        ExecutionOptions e = execution;
        return execution(new ExecutionOptions(e.timeout(), attempts, e.initialBackoff(), e.failurePolicy(), e.parallelism(),
                e.chunkPolicies(), e.memoryBudgetBytes(), e.engine()));
    }

    public PipelineBuilder failurePolicy(FailurePolicy policy) {
        ExecutionOptions e = execution;
        return execution(new ExecutionOptions(e.timeout(), e.maxAttempts(), e.initialBackoff(), policy, e.parallelism(),
                e.chunkPolicies(), e.memoryBudgetBytes(), e.engine()));
    }

    public PipelineBuilder parallelism(int engines) {
        ExecutionOptions e = execution;
        return execution(new ExecutionOptions(e.timeout(), e.maxAttempts(), e.initialBackoff(), e.failurePolicy(), engines,
                e.chunkPolicies(), e.memoryBudgetBytes(), e.engine()));
    }

    /**
     * Where the policy stage runs: {@link ExecutionEngine#LOCAL} (this JVM) or an executor found by
     * ServiceLoader, e.g. {@code ExecutionEngine.spark("local[2]", 0)} (needs livecalc-spark on the class path).
     */
    public PipelineBuilder executionEngine(ExecutionEngine engine) {
        return execution(execution.withEngine(engine));
    }

    /** Policies per chunk (0: sized automatically from the RESULT limit and the memory budget). */
    public PipelineBuilder chunkPolicies(long policies) {
        ExecutionOptions e = execution;
        return execution(new ExecutionOptions(e.timeout(), e.maxAttempts(), e.initialBackoff(), e.failurePolicy(), e.parallelism(),
                policies, e.memoryBudgetBytes(), e.engine()));
    }

    /**
     * Overrides one configuration value of an engine (what {@code livecalc run --set engine.key=value}
     * does); applied at {@link #build()}, after a DAG file was read. An unknown engine id is a problem
     * reported by {@code build()}.
     */
    public PipelineBuilder set(String engineId, String key, String value) {
        overrides.add(new String[] {engineId, key, value});
        return this;
    }

    /** Writes the output (and its summary) into {@code dir}, keeping the file name the definition gives. */
    public PipelineBuilder outputDirectory(Path dir) {
        this.outputDirectory = dir.toAbsolutePath().normalize();
        return this;
    }

    // ---- build ---------------------------------------------------------------------------------

    PipelineBuilder source(String name, Path baseDir) {
        this.sourceName = name;
        this.baseDirectory = baseDir;
        return this;
    }

    PipelineBuilder definition(JsonNode dag) {
        this.definition = dag;
        return this;
    }

    /**
     * The DAG this builder was read from, as this project's format (pretty-printed JSON): a DAG in the original
     * demo's dialect ({@code nodes}, {@code bus://} ports, ...) shows its translation; empty for a builder filled in code.
     */
    public Optional<String> definitionJson() {
        if (definition == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(definition));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    PipelineBuilder enginesLocation(String location) {
        this.enginesLocation = location;
        return this;
    }

    PipelineBuilder addProblems(List<DagProblem> problems) {
        preProblems.addAll(problems);
        return this;
    }

    PipelineBuilder catalog(EngineCatalog catalog) {
        this.catalog = catalog;
        return this;
    }

    /**
     * The engine types known while a DAG is read (the demo dialect's buses become ports): the catalog set so
     * far, else the default factory, which {@link #build()} then uses too.
     */
    EngineCatalog catalogForReading() {
        if (catalog == null) {
            factory(EngineFactory.load());
        }
        return catalog;
    }

    /** The engines to build the pipeline from; default {@link EngineFactory#load()}. */
    public PipelineBuilder factory(EngineFactory factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.catalog = catalogOf(factory);
        registered.forEach(p -> registerInto(factory, p));
        return this;
    }

    static EngineCatalog catalogOf(EngineFactory factory) {
        return new EngineCatalog() {
            @Override
            public Optional<io.livecalc.api.EngineInfo> describe(String type) {
                return factory.isRegistered(type) ? Optional.of(factory.describe(type)) : Optional.empty();
            }

            @Override
            public List<ConfigProblem> checkConfig(String type, EngineConfig config) {
                return factory.checkConfig(type, config);
            }

            @Override
            public boolean implementsOutputRecords(String type) {
                return factory.implementsOutputRecords(type);
            }

            @Override
            public java.util.Collection<String> types() {
                List<String> names = new ArrayList<>();
                factory.list().forEach(t -> {
                    names.add(t.type());
                    names.addAll(t.aliases());
                });
                return names;
            }
        };
    }

    private void applyOverrides() {
        for (String[] o : overrides) {
            int i = -1;
            for (int k = 0; k < engines.size(); k++) {
                if (engines.get(k).id().equals(o[0])) {
                    i = k;
                }
            }
            if (i < 0) {
                preProblems.add(new DagProblem("set " + o[0] + "." + o[1], "no engine '" + o[0] + "' to configure; engines: "
                        + engines.stream().map(EngineSpec::id).toList()));
                continue;
            }
            EngineSpec e = engines.get(i);
            Map<String, Object> config = new LinkedHashMap<>(e.config());
            config.put(o[1], o[2]);
            Map<String, String> locations = new LinkedHashMap<>(e.configLocations());
            locations.put(o[1], "set " + o[0] + "." + o[1] + "=" + o[2]);
            engines.set(i, new EngineSpec(e.id(), e.type(), config, e.inputs(), e.outputs(), e.optional(), e.location(), locations));
        }
        overrides.clear();
    }

    /** An {@code assumptions://} table needs credentials: without any, say so at each key that names one. */
    private List<DagProblem> credentialProblems(CredentialManager cm) {
        List<DagProblem> found = new ArrayList<>();
        String missing = null;
        for (EngineSpec e : engines) {
            for (Map.Entry<String, Object> entry : e.config().entrySet()) {
                if (!EngineSpec.namesAssumptionsManager(entry.getValue())) {
                    continue;
                }
                if (missing == null) {
                    List<String> why = cm.hasCredentials() ? List.of() : cm.validate(); // read the sources once
                    missing = why.isEmpty() ? "" : why.get(0);
                }
                if (!missing.isEmpty()) {
                    found.add(new DagProblem(e.locationOf(entry.getKey()), "engine '" + e.id() + "': config key '" + entry.getKey()
                            + "' = \"" + entry.getValue() + "\" needs Assumptions Manager credentials: " + missing));
                }
            }
        }
        return found;
    }

    /**
     * Validates the definition and returns the immutable pipeline.
     *
     * @throws DagValidationException listing every problem found
     */
    public Pipeline build() {
        if (factory == null && catalog == null) {
            factory(EngineFactory.load());
        }
        EngineCatalog c = catalog;
        applyOverrides();
        if (output != null && outputDirectory != null) {
            output = new OutputSpec(output.format(), outputDirectory.resolve(output.path().getFileName()), output.from(), output.location());
        }
        PipelineValidator.Result r = new PipelineValidator(c, DataFiles::kindOf, DataFiles::isEmpty, baseDirectory)
                .outputMayBeDataset(!execution.engine().isLocal())
                .validate(sources, engines, enginesLocation, output);
        List<DagProblem> all = new ArrayList<>(preProblems);
        all.addAll(r.problems());
        if (!execution.engine().isLocal()) {
            sources.stream().filter(s -> s.inMemory() && s.kind() == DataKind.POLICIES).forEach(s -> all.add(new DagProblem(s.location(),
                    "data source '" + s.id() + "': policies in memory are valued in this JVM; the " + execution.engine().name()
                            + " execution engine reads policies from a file (give a Parquet file, or run locally)")));
        }
        CredentialManager cm = credentialManager;
        if (credentials != null) {
            // explicit credentials outrank the manager's sources; withExplicit keeps its refresher
            cm = cm != null ? cm.withExplicit(credentials) : CredentialManager.builder().explicit(credentials).build();
        } else if (cm == null) {
            cm = CredentialManager.fromEnvironment();
        }
        all.addAll(credentialProblems(cm));
        if (!all.isEmpty()) {
            throw new DagValidationException(sourceName, all);
        }
        return new Pipeline(sourceName, baseDirectory, r, cm, execution, factory, inMemory);
    }
}
