package io.livecalc.orchestrator;

import io.livecalc.api.AMCredentials;
import io.livecalc.api.EngineInfo;
import io.livecalc.orchestrator.credentials.CredentialManager;
import io.livecalc.orchestrator.dag.DataSourceSpec;
import io.livecalc.orchestrator.dag.EngineSpec;
import io.livecalc.orchestrator.dag.OutputSpec;
import io.livecalc.orchestrator.dag.Wire;
import io.livecalc.orchestrator.dag.internal.InMemoryData;
import io.livecalc.orchestrator.dag.internal.PipelineValidator;
import io.livecalc.orchestrator.run.PipelineBuffers;
import io.livecalc.orchestrator.run.RunPlan;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A validated, immutable pipeline: data sources, engines in execution order with their resolved wiring,
 * the output, credentials and execution options. Built by {@link PipelineBuilder} or loaded from a DAG
 * JSON file with {@link #fromJson}; both produce the same model.
 */
public final class Pipeline {

    private final String source;
    private final Path baseDirectory;
    private final Map<String, DataSourceSpec> dataSources;
    private final List<EngineSpec> engines;
    private final Map<String, EngineInfo> engineInfos;
    private final Map<String, Map<String, Wire>> wiring;
    private final OutputSpec output;
    private final CredentialManager credentials;
    private final boolean namesAssumptionsManager;
    private final ExecutionOptions execution;
    private final EngineFactory factory;
    private final Map<String, InMemoryData> inMemory;
    private final KeptBuffers kept = new KeptBuffers();

    /** Frees the kept buffers when the pipeline is unreachable, and those its open results give back later. */
    private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create(r -> {
        Thread t = new Thread(r, "livecalc-buffer-cleaner");
        t.setDaemon(true);
        return t;
    });

    /**
     * The buffers between runs: one set waits for the next run; a run takes it (or makes a new set when another
     * run's result still holds it) and its result gives it back when closed.
     */
    private static final class KeptBuffers implements Runnable {
        private PipelineBuffers idle;
        private boolean gone;

        synchronized PipelineBuffers take() {
            PipelineBuffers b = idle;
            idle = null;
            return b;
        }

        void giveBack(PipelineBuffers b) {
            synchronized (this) {
                if (idle == null && !gone) {
                    idle = b;
                    return;
                }
            }
            b.close();
        }

        void free() {
            PipelineBuffers b = take();
            if (b != null) {
                b.close();
            }
        }

        /** The pipeline is unreachable: free what waits, and what open results give back from now on. */
        @Override
        public void run() {
            synchronized (this) {
                gone = true;
            }
            free();
        }
    }

    Pipeline(String source, Path baseDirectory, PipelineValidator.Result r, CredentialManager credentials, ExecutionOptions execution,
             EngineFactory factory, Map<String, InMemoryData> inMemory) {
        this.factory = factory;
        this.inMemory = Map.copyOf(inMemory);
        this.source = source;
        this.baseDirectory = baseDirectory;
        this.dataSources = Collections.unmodifiableMap(r.sources());
        this.engines = List.copyOf(r.order());
        this.engineInfos = Map.copyOf(r.infos());
        Map<String, Map<String, Wire>> w = new java.util.LinkedHashMap<>();
        r.wiring().forEach((k, v) -> w.put(k, Collections.unmodifiableMap(v)));
        this.wiring = Collections.unmodifiableMap(w);
        this.output = r.output();
        this.credentials = credentials;
        this.namesAssumptionsManager = engines.stream().flatMap(e -> e.config().values().stream())
                .anyMatch(EngineSpec::namesAssumptionsManager);
        this.execution = execution;
        CLEANER.register(this, kept);
    }

    /** A builder whose engines come from {@link EngineFactory#load()} (ServiceLoader). */
    public static PipelineBuilder builder() {
        return new PipelineBuilder();
    }

    /**
     * Loads and validates a DAG file in the original system's JSON format; {@code ${VAR}} references are
     * expanded from the process environment and relative paths resolve against the file's folder.
     *
     * @throws DagValidationException listing every problem, each with its JSON location
     */
    public static Pipeline fromJson(Path dagFile) {
        return jsonBuilder(dagFile, System::getenv).build();
    }

    /** Like {@link #fromJson(Path)} with the given engine factory and environment. */
    public static Pipeline fromJson(Path dagFile, EngineFactory factory, Function<String, String> environment) {
        // the factory first: reading the demo dialect translates bus:// names with the engine types it knows
        return DagJsonReader.read(dagFile, environment, new PipelineBuilder().factory(factory)).build();
    }

    static PipelineBuilder jsonBuilder(Path dagFile, Function<String, String> environment) {
        return DagJsonReader.read(dagFile, environment, new PipelineBuilder());
    }

    /**
     * Runs the pipeline: loads the data sources, runs the engines (chunked, with the configured timeout,
     * retries and failure policy), writes the output and its run summary. The result holds the run's buffers until
     * it is closed, then the next run reuses them (see {@link #run(PipelineListener)}).
     *
     * @return what every engine did, to be closed; {@link PipelineResult#partial()} when some engine failed or was skipped
     */
    public PipelineResult run() {
        return run(PipelineListener.NONE);
    }

    /**
     * Like {@link #run()}, reporting progress to {@code listener}.
     *
     * <p>The run uses the buffers the previous run's result gave back when it was closed, so a repeated run of the
     * same inputs allocates no off-heap memory ({@link PipelineResult#buffersAllocated()} is 0); while that result
     * is open, the run allocates its own.
     */
    public PipelineResult run(PipelineListener listener) {
        PipelineBuffers buffers = kept.take();
        if (buffers == null) {
            buffers = new PipelineBuffers(execution.memoryBudgetBytes(), RunPlan.of(this).sharedBufferNames()::contains);
        }
        PipelineResult.Lease lease = new PipelineResult.Lease(buffers, kept::giveBack);
        try {
            PipelineResult result = new PipelineRunner(this, listener, buffers, this::inMemory).run(lease);
            CLEANER.register(result, lease::close); // a result never closed gives its buffers back when unreachable
            return result;
        } catch (RuntimeException | Error e) {
            lease.close();
            throw e;
        }
    }

    /**
     * Frees the buffers kept for the next run (see {@link #run(PipelineListener)}); a later run allocates them
     * again. Results still open keep theirs until they are closed.
     */
    public void freeBuffers() {
        kept.free();
    }

    /**
     * What a run does, one line per engine in the order they start: where it runs, what feeds each input port and
     * which output buffers it writes (and which one the output file comes from). {@code livecalc validate --plan}
     * prints it.
     */
    public List<String> plan() {
        return RunPlan.of(this).describe();
    }

    /** The data of a source held in memory. */
    InMemoryData inMemory(String sourceId) {
        return inMemory.get(sourceId);
    }

    public EngineFactory factory() {
        return factory;
    }

    /** Where the definition came from: the DAG file, or {@code "pipeline"} for the builder. */
    public String source() {
        return source;
    }

    /** Folder that relative paths were resolved against. */
    public Path baseDirectory() {
        return baseDirectory;
    }

    public Map<String, DataSourceSpec> dataSources() {
        return dataSources;
    }

    /** Engines in a topological order (producers before consumers; ties in declaration order). */
    public List<EngineSpec> engines() {
        return engines;
    }

    public EngineInfo engineInfo(String engineId) {
        return engineInfos.get(engineId);
    }

    /** Input port to wire, per engine id. */
    public Map<String, Wire> inputsOf(String engineId) {
        return wiring.getOrDefault(engineId, Map.of());
    }

    public Optional<OutputSpec> output() {
        return Optional.ofNullable(output);
    }

    /**
     * The credentials engines receive: none unless an engine's config names an {@code assumptions://} table, so
     * that a pipeline of files never looks at the environment or the credentials file; else the first source
     * that has them (explicit, environment, credentials file). Explicit credentials given to the builder are withheld
     * likewise, by design: an engine that resolves no table has no use for a token, and one that needs it anyway
     * implements {@link io.livecalc.api.AMCredentialsAware} and asks {@link #credentialManager()} for it.
     */
    public Optional<AMCredentials> credentials() {
        return namesAssumptionsManager ? credentials.credentials() : Optional.empty();
    }

    /** Where the credentials come from, and their token's lifecycle. */
    public CredentialManager credentialManager() {
        return credentials;
    }

    public ExecutionOptions execution() {
        return execution;
    }
}
