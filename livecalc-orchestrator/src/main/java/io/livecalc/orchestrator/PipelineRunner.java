package io.livecalc.orchestrator;

import io.livecalc.api.AMCredentials;
import io.livecalc.api.AtomicFile;
import io.livecalc.api.BufferType;
import io.livecalc.api.ConfigurationException;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EngineExecutionException;
import io.livecalc.api.EngineInfo;
import io.livecalc.api.EvaluatorAware;
import io.livecalc.api.ExecutionResult;
import io.livecalc.api.ICalcEngine;
import io.livecalc.api.ParameterEvaluator;
import io.livecalc.api.PolicyRecord;
import io.livecalc.api.PortSpec;
import io.livecalc.api.ValuationResult;
import io.livecalc.buffers.BufferInfo;
import io.livecalc.orchestrator.dag.DataSourceSpec;
import io.livecalc.orchestrator.dag.EngineSpec;
import io.livecalc.orchestrator.dag.FileFormat;
import io.livecalc.orchestrator.dag.OutputSpec;
import io.livecalc.orchestrator.dag.Wire;
import io.livecalc.orchestrator.dag.internal.DataFiles;
import io.livecalc.orchestrator.dag.internal.InMemoryData;
import io.livecalc.orchestrator.dag.internal.PipelineValidator;
import io.livecalc.orchestrator.dag.internal.PolicyIds;
import io.livecalc.orchestrator.run.EngineLifecycleManager;
import io.livecalc.orchestrator.run.OutputSink;
import io.livecalc.orchestrator.run.ParquetSupport;
import io.livecalc.orchestrator.run.PipelineBuffers;
import io.livecalc.orchestrator.run.RunSummary;
import io.livecalc.orchestrator.spi.PolicyStage;
import io.livecalc.orchestrator.spi.StageExecutor;
import io.livecalc.orchestrator.spi.StageExecutorProvider;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a validated {@link Pipeline} once: loads the data sources into buffers, runs the engines in
 * topological order (independent branches at the same time, up to the configured parallelism), hands each
 * engine the very buffers its producers wrote, streams the output to Parquet. Its buffers come from the
 * pipeline's {@link PipelineBuffers}: the result holds them until it is closed, and the next run reuses them.
 *
 * <h2>Chunking</h2>
 * An engine fed by a policies data source runs once per policy chunk. Chunks hold as many policies as the
 * RESULT limit and the memory budget allow for the per-pair outputs the run needs (or
 * {@link ExecutionOptions#chunkPolicies()}), in multiples of 1024 policies; buffers are allocated once for
 * the largest chunk and reused. Per-pair outputs (RESULT, RESULT_DETAIL) are streamed to the output file
 * chunk by chunk; scenario totals accumulate across chunks in the engine ({@code accumulate_totals}), so a
 * chunked run gives the same totals, bit for bit, as one unchunked run (the projection sums in fixed
 * blocks of 1024 policies).
 *
 * <h2>Elsewhere</h2>
 * With a non-local {@link ExecutionEngine} (e.g. {@code "spark"}) the engines fed by the policies data source
 * run on the {@link StageExecutor} of that name instead: the policies are not loaded here, the stage gets the
 * other inputs (scenarios) and writes its per-pair output itself, and its scenario totals come back into a
 * buffer here, so downstream engines, the solver's re-valuations and the statistics work unchanged.
 */
public final class PipelineRunner {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);

    /** Chunk sizes are multiples of this many policies (the projection's summation block). */
    static final int CHUNK_ALIGNMENT = 1024;
    /**
     * Per-pair output per chunk, at most (unless a chunk size is configured): a larger chunk only costs more
     * memory and more time faulting in fresh pages (2.4 GB took 1-6 s on a 2-core VM) before the engine starts,
     * while the writer streams chunk after chunk at the same speed (issue 15).
     */
    static final long PER_PAIR_CHUNK_BYTES = 384L << 20;
    /** Config key the orchestrator sets on engines that write scenario totals over several chunks. */
    static final String ACCUMULATE_TOTALS = "accumulate_totals";
    private static final Set<String> SOLVER_PARAMETERS = Set.copyOf(io.livecalc.api.SolutionRecord.PARAMETERS);

    private final Pipeline pipeline;
    private final EngineFactory factory;
    private final PipelineListener listener;
    private final ExecutionOptions options;
    private final PipelineBuffers buffers;
    private final Map<String, BufferInfo> sources = new LinkedHashMap<>();
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<String> warnings = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean abort = new AtomicBoolean();
    private final AtomicLong peakBytes = new AtomicLong();
    private final Map<String, Object> reports = new ConcurrentHashMap<>();
    private final Map<String, ScenarioFan> fans = new ConcurrentHashMap<>();
    /** When the run started ({@link System#nanoTime()}): the timeline's zero. */
    private long runStart;
    private volatile OutputSink sink;
    private volatile Path writtenOutput;
    /** Where policy stages run when the execution engine is not local; {@code null} for this JVM. */
    private StageExecutor remote;

    /** Runtime state of one engine. */
    private final class Node {
        final EngineSpec spec;
        final EngineInfo info;
        final AtomicReference<ICalcEngine> instance = new AtomicReference<>();
        final Map<String, BufferInfo> outputs = new LinkedHashMap<>();
        final Map<String, Long> written = new ConcurrentHashMap<>();
        EngineLifecycleManager manager;
        EngineConfig config;
        volatile EngineRun run;
        /** Output ports to allocate and their buffer types, decided once (see outputPorts). */
        final Map<String, BufferType> outputTypes = new LinkedHashMap<>();
        /** Port fed by the policies data source, when the engine runs per policy chunk. */
        String policyPort;
        /** The stage handed to the remote executor, when this engine runs there. */
        PolicyStage stage;
        long policies;
        long chunk;

        Node(EngineSpec spec, EngineInfo info) {
            this.spec = spec;
            this.info = info;
        }

        String id() {
            return spec.id();
        }
    }

    /** @param buffers the pipeline's kept buffers, held by this run until its result is closed */
    PipelineRunner(Pipeline pipeline, EngineFactory factory, PipelineListener listener, PipelineBuffers buffers) {
        this.pipeline = pipeline;
        this.factory = factory;
        this.listener = listener;
        this.options = pipeline.execution();
        this.buffers = buffers;
    }

    /**
     * Names of the buffers another process maps: every buffer on a port of an engine whose
     * {@link EngineInfo#requiresSharedMemory()} (a Python engine), i.e. its outputs and what feeds its inputs.
     */
    static Set<String> sharedBufferNames(Pipeline pipeline) {
        Set<String> names = new HashSet<>();
        for (EngineSpec e : pipeline.engines()) {
            EngineInfo info = pipeline.engineInfo(e.id());
            if (info == null || !info.requiresSharedMemory()) {
                continue;
            }
            info.outputPorts().forEach(p -> names.add(e.id() + "." + p.name()));
            pipeline.inputsOf(e.id()).values().forEach(w -> names.add(w.engine() == null ? "source." + w.sourceId()
                    : w.engine() + "." + w.enginePort()));
        }
        return names;
    }

    /** How old an unlocked temporary file of the output must be to be swept as a killed run's leftover. */
    static final Duration STALE_AFTER = Duration.ofSeconds(10);

    PipelineResult run(PipelineResult.Lease lease) {
        long start = System.nanoTime();
        buffers.startRun();
        long allocationsBefore = buffers.manager().allocationCount();
        long bytesBefore = buffers.manager().allocatedBytesTotal();
        runStart = start;
        // Quiet by default: these two lines are all a run logs at INFO; engine and chunk events are DEBUG.
        LOG.atInfo().addKeyValue("event", "pipeline_start").addKeyValue("pipeline", pipeline.source())
                .addKeyValue("engines", pipeline.engines().size()).log("pipeline {} started: {} engines", pipeline.source(), pipeline.engines().size());
        try {
            remote = openExecutor(options.engine());
            pipeline.output().ifPresent(o -> sweepStaleTemporaries(o.path()));
            loadSources();
            for (EngineSpec e : pipeline.engines()) {
                nodes.put(e.id(), new Node(e, pipeline.engineInfo(e.id())));
            }
            ExecutorService pool = Executors.newFixedThreadPool(options.parallelism(), r -> {
                Thread t = new Thread(r, "livecalc-pipeline");
                t.setDaemon(true);
                return t;
            });
            try {
                schedule(pool);
            } finally {
                pool.shutdownNow();
                nodes.values().forEach(n -> {
                    if (n.manager != null) {
                        n.manager.close();
                    }
                });
            }
            finishSink();
            Map<String, ValuationResult> valuations = valuations();
            ValuationResult valuation = valuation(valuations);
            Map<String, EngineRun> runs = new LinkedHashMap<>();
            nodes.values().forEach(n -> runs.put(n.id(), n.run));
            buffers.freeUnused();
            Map<String, Long> stats = buffers.stats();
            PipelineResult.Allocation allocation = new PipelineResult.Allocation(buffers.manager().allocationCount() - allocationsBefore,
                    buffers.manager().allocatedBytesTotal() - bytesBefore);
            Map<String, PipelineResult.Pairs> pairs = pairs();
            double wall = (System.nanoTime() - start) / 1e6;
            Map<String, ScenarioFan> fansInOrder = new LinkedHashMap<>();
            nodes.keySet().stream().filter(fans::containsKey).forEach(id -> fansInOrder.put(id, fans.get(id)));
            PipelineResult result = new PipelineResult(runs, valuation, valuations, stats, peakBytes.get(), warnings, writtenOutput, null, wall,
                    reports, fansInOrder, null, pairs, allocation, PipelineResult.Lease.NONE);
            Map<String, Long> records = new LinkedHashMap<>();
            sources.forEach((id, b) -> records.put(id, b.recordCount()));
            java.time.Instant finished = java.time.Instant.now();
            // made when first asked for: a run without an output file does not pay for checksums it may never show
            java.util.function.Supplier<Map<String, Object>> summaryData = memoized(() -> RunSummary.toMap(pipeline, result, records, finished));
            Path summary = pipeline.output().map(o -> RunSummary.write(summaryData.get(), o.path())).orElse(null);
            LOG.atInfo().addKeyValue("event", "pipeline_complete").addKeyValue("pipeline", pipeline.source())
                    .addKeyValue("success", result.success()).addKeyValue("wall_time_ms", wall)
                    .addKeyValue("output", writtenOutput == null ? null : writtenOutput.toString())
                    .log("pipeline {} {} in {} ms", pipeline.source(), result.success() ? "succeeded" : "ended partial", Math.round(wall));
            return new PipelineResult(runs, valuation, valuations, stats, peakBytes.get(), warnings, writtenOutput, summary, wall, reports,
                    fansInOrder, summaryData, pairs, allocation, lease);
        } finally {
            buffers.freeShared();
            if (sink != null) {
                sink.close(); // an uncommitted sink removes its temporary file
            }
            if (remote != null) {
                remote.close();
            }
        }
    }

    private static <T> java.util.function.Supplier<T> memoized(java.util.function.Supplier<T> make) {
        AtomicReference<T> value = new AtomicReference<>();
        return () -> {
            synchronized (value) {
                if (value.get() == null) {
                    value.set(make.get());
                }
                return value.get();
            }
        };
    }

    /** The executor named by the execution engine, from ServiceLoader; {@code null} for local. */
    static StageExecutor openExecutor(ExecutionEngine engine) {
        if (engine.isLocal()) {
            return null;
        }
        List<String> found = new ArrayList<>();
        for (StageExecutorProvider p : java.util.ServiceLoader.load(StageExecutorProvider.class)) {
            if (p.name().equalsIgnoreCase(engine.name())) {
                LOG.atDebug().addKeyValue("event", "stage_executor").addKeyValue("engine", engine.name())
                        .addKeyValue("master", engine.master()).log("policy stages run on {} (master {})", engine.name(), engine.master());
                return p.open(engine);
            }
            found.add(p.name());
        }
        throw new ConfigurationException("execution engine '" + engine.name() + "' is not available: no StageExecutorProvider named '"
                + engine.name() + "' on the class path (found: " + found + "); for Spark, put livecalc-spark and Spark's jars on the "
                + "class path (README, \"Running on Spark\")");
    }

    /**
     * Starts engines whose producers have finished, in topological order, at most {@code parallelism} at
     * a time; with parallelism 1 the order is exactly the pipeline's.
     */
    private void schedule(ExecutorService pool) {
        ExecutorCompletionService<Node> completion = new ExecutorCompletionService<>(pool);
        List<Node> pending = new ArrayList<>(nodes.values());
        Set<String> finished = new HashSet<>();
        int running = 0;
        while (!pending.isEmpty() || running > 0) {
            for (java.util.Iterator<Node> it = pending.iterator(); it.hasNext() && running < options.parallelism(); ) {
                Node n = it.next();
                boolean ready = pipeline.inputsOf(n.id()).values().stream()
                        .allMatch(w -> w.engine() == null || finished.contains(w.engine()));
                if (ready) {
                    it.remove();
                    completion.submit(() -> runNode(n), n);
                    running++;
                }
            }
            try {
                Node done = completion.take().get();
                finished.add(done.id());
                running--;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abort.set(true);
                throw new EngineExecutionException("pipeline interrupted", e, true);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("pipeline scheduler failed: " + e.getCause(), e.getCause()); // runNode catches everything
            }
        }
    }

    /**
     * A run killed while writing (kill -9) leaves {@code .NAME.<n>.tmp} beside its output and summary; the
     * next run of the same output removes them. A file another live run is writing is locked and kept, and
     * so is one modified in the last {@link #STALE_AFTER} (the moment between creating a file and locking it).
     */
    private void sweepStaleTemporaries(Path output) {
        for (Path target : List.of(output, RunSummary.pathFor(output))) {
            for (Path swept : AtomicFile.sweepStale(target, STALE_AFTER)) {
                LOG.atInfo().addKeyValue("event", "stale_temporary_removed").addKeyValue("path", swept.toString())
                        .log("removed {}, left by a run that was stopped while writing {}", swept, target.getFileName());
            }
        }
    }

    // ---- data sources --------------------------------------------------------------------------

    private void loadSources() {
        for (DataSourceSpec s : pipeline.dataSources().values()) {
            BufferType type = s.kind().bufferType();
            if (remote != null && type.equals(BufferType.INPUT)) {
                continue; // the stage executor reads the policies where it runs
            }
            String name = "source." + s.id();
            BufferInfo b = s.inMemory() ? loadInMemory(s, name)
                    : s.format() == FileFormat.PARQUET ? ParquetSupport.read(s.path(), type, buffers, name)
                    : DataFiles.readCsv(s, buffers, name);
            sources.put(s.id(), b);
            if (type.equals(BufferType.INPUT) && !s.inMemory()) { // data in memory was checked as it was written
                PolicyIds.requireUnique(s, b.segment().asSlice(0, b.recordCount() * PolicyRecord.SIZE));
            }
            notePeak();
            LOG.atDebug().addKeyValue("event", "data_source_loaded").addKeyValue("source", s.id())
                    .addKeyValue("path", s.where()).addKeyValue("kind", s.kind().name())
                    .addKeyValue("records", b.recordCount()).log("data source {} loaded: {} records", s.id(), b.recordCount());
        }
    }

    /** Writes a source held in memory into its buffer, checked as a file's records are. */
    private BufferInfo loadInMemory(DataSourceSpec s, String name) {
        InMemoryData data = pipeline.inMemory(s.id());
        long records = data.records();
        if (records < 1) {
            throw new ConfigurationException("data source '" + s.id() + "' (in memory) holds no records at run time: there is nothing to value");
        }
        BufferInfo b = buffers.acquire(s.kind().bufferType(), name, records);
        InMemoryData.Problems problems = new InMemoryData.Problems();
        data.write(b.segment(), problems);
        if (!problems.isEmpty()) {
            buffers.release(name);
            throw new ConfigurationException("data source '" + s.id() + "' (in memory) changed since build() and is no longer valid: "
                    + String.join("; ", problems.list()));
        }
        return b;
    }

    // ---- one engine ----------------------------------------------------------------------------

    private void runNode(Node n) {
        try {
            runEngine(n);
        } finally {
            listener.engineFinished(n.run);
        }
    }

    private double sinceStart() {
        return (System.nanoTime() - runStart) / 1e6;
    }

    private void runEngine(Node n) {
        double startMs = sinceStart();
        String skip = skipReason(n);
        if (skip != null) {
            n.run = new EngineRun(n.id(), n.spec.type(), EngineRun.Status.SKIPPED, 0, 0, 0, 0, List.of(), skip, false, startMs, startMs,
                    List.of());
            return;
        }
        long chunks = 0;
        double time = 0;
        long rows = 0;
        long bytes = 0;
        List<String> engineWarnings = new ArrayList<>();
        List<ChunkRun> timeline = new ArrayList<>();
        try {
            if (remote != null && policySource(n) != null) {
                listener.engineStarted(n.id(), 1);
                double chunkStart = sinceStart();
                PolicyStage.Outcome r = runRemote(n);
                timeline.add(new ChunkRun(1, chunkStart, sinceStart() - chunkStart, 1, 0, true));
                if (!r.report().isEmpty()) {
                    reports.put(n.id(), r.report());
                }
                listener.chunkCompleted(n.id(), 1, 1, r.executionTimeMs());
                n.run = new EngineRun(n.id(), n.spec.type(), EngineRun.Status.SUCCEEDED, 1, r.executionTimeMs(), r.policies(),
                        r.scenarioTotals().byteSize() + r.rowsWritten() * (r.output() == null ? 0 : n.info.outputPort(n.stage.perPairPort())
                                .orElseThrow().bufferType().recordSize()), engineWarnings, null, false, startMs, sinceStart(), timeline);
                return;
            }
            prepare(n);
            chunks = n.policyPort == null ? 1 : Math.max(1, (n.policies + n.chunk - 1) / n.chunk);
            listener.engineStarted(n.id(), chunks);
            for (long c = 0; c < chunks; c++) {
                Map<String, MemorySegment> in = inputs(n, c);
                Map<String, MemorySegment> out = outputs(n, in);
                long chunkStart = System.nanoTime();
                EngineStats before = n.manager.stats();
                ExecutionResult r;
                try {
                    r = n.manager.runChunk(in, out);
                } catch (RuntimeException | Error e) {
                    timeline.add(chunkRun(n, c, chunkStart, before, false));
                    throw e;
                }
                timeline.add(chunkRun(n, c, chunkStart, before, r.success()));
                double chunkMs = (System.nanoTime() - chunkStart) / 1e6;
                if (!r.success()) {
                    throw new EngineExecutionException("engine '" + n.id() + "' failed"
                            + (chunks > 1 ? " on policy chunk " + (c + 1) + " of " + chunks : "") + ": " + r.errorMessage());
                }
                time += chunkMs; // wall time of the call, retries included (the engine's own figure may leave out waits)
                rows += r.rowsProcessed();
                bytes += r.bytesWritten();
                engineWarnings.addAll(r.warnings());
                out.forEach((port, seg) -> n.written.put(port, seg.byteSize() / n.outputTypes.get(port).recordSize()));
                streamToSink(n, out, chunkMs);
                listener.chunkCompleted(n.id(), c + 1, chunks, chunkMs);
            }
            Map<String, Object> report = n.instance.get().report();
            if (!report.isEmpty()) {
                reports.put(n.id(), report);
            }
            try {
                scenarioFan(n); // feeds only the summary and report: a failure here must not fail a finished engine
            } catch (RuntimeException e) {
                engineWarnings.add("no scenario fan for the report: " + e.getMessage());
            }
            n.run = new EngineRun(n.id(), n.spec.type(), EngineRun.Status.SUCCEEDED, (int) chunks, time, rows, bytes, engineWarnings, null, false,
                    startMs, sinceStart(), timeline);
        } catch (RuntimeException | Error e) {
            // Engines may put secrets in messages; nothing leaves the runner unmasked.
            io.livecalc.orchestrator.run.EngineEvents events = new io.livecalc.orchestrator.run.EngineEvents(n.id(),
                    n.spec.type(), io.livecalc.orchestrator.run.EngineEvents.secretsOf(
                            EngineConfig.of(n.id(), n.spec.config(), pipeline.baseDirectory()), credentials()));
            String message = events.redact(e.getMessage() == null ? e.toString() : e.getMessage());
            engineWarnings.replaceAll(events::redact);
            Throwable logged = events.redact(e);
            n.run = new EngineRun(n.id(), n.spec.type(), EngineRun.Status.FAILED, (int) chunks, time, rows, bytes, engineWarnings, message,
                    io.livecalc.orchestrator.run.EngineEvents.isBadInput(e), startMs, sinceStart(), timeline);
            boolean fatal = switch (options.failurePolicy()) {
                case FAIL_FAST -> true;
                case SKIP_OPTIONAL -> !n.spec.optional();
                case BEST_EFFORT -> false;
            };
            if (fatal) {
                abort.set(true);
            }
            warnings.add("engine '" + n.id() + "' failed: " + message);
            if (n.run.badInput()) {
                LOG.atWarn().addKeyValue("event", "engine_failed").addKeyValue("engine_id", n.id())
                        .log("engine {} failed: {}", n.id(), message);
            } else {
                LOG.atError().addKeyValue("event", "engine_failed").addKeyValue("engine_id", n.id()).setCause(logged)
                        .log("engine {} failed: {}", n.id(), message);
            }
        }
    }

    /** Chunk {@code c} (0-based) as the timeline keeps it: start, wall time, attempts and timeouts (the manager's counters). */
    private ChunkRun chunkRun(Node n, long c, long startNanos, EngineStats before, boolean succeeded) {
        EngineStats after = n.manager.stats();
        return new ChunkRun((int) c + 1, (startNanos - runStart) / 1e6, (System.nanoTime() - startNanos) / 1e6,
                1 + (int) (after.retries() - before.retries()), (int) (after.timeouts() - before.timeouts()), succeeded);
    }

    /** The fan of the engine's first SCENARIO output (an ESG's scenarios), for the summary and the report. */
    private void scenarioFan(Node n) {
        for (Map.Entry<String, BufferInfo> e : n.outputs.entrySet()) {
            if (e.getValue().type().equals(BufferType.SCENARIO)) {
                Long records = n.written.get(e.getKey());
                if (records != null) {
                    ScenarioFan fan = ScenarioFan.of(e.getValue().segment().asSlice(0, records * BufferType.SCENARIO.recordSize()));
                    if (fan != null) {
                        fans.put(n.id(), fan);
                    }
                }
                return;
            }
        }
    }

    /** The port fed by a policies data source, or {@code null}. */
    private String policySource(Node n) {
        for (Map.Entry<String, Wire> e : pipeline.inputsOf(n.id()).entrySet()) {
            if (e.getValue().engine() == null && e.getValue().type().equals(BufferType.INPUT)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** Runs a policy stage on the remote executor and keeps its scenario totals in a buffer here. */
    private PolicyStage.Outcome runRemote(Node n) {
        String policyPort = policySource(n);
        Map<String, MemorySegment> other = new LinkedHashMap<>();
        pipeline.inputsOf(n.id()).forEach((port, w) -> {
            if (!port.equals(policyPort)) {
                if (w.engine() == null) {
                    other.put(port, sources.get(w.sourceId()).segment());
                } else {
                    Node producer = nodes.get(w.engine());
                    other.put(port, producer.outputs.get(w.enginePort()).segment()
                            .asSlice(0, producer.written.get(w.enginePort()) * w.type().recordSize()));
                }
            }
        });
        String totalsPort = n.info.outputPorts().stream().filter(p -> p.bufferType().equals(BufferType.SCENARIO_TOTAL))
                .map(PortSpec::name).findFirst().orElseThrow(() -> new ConfigurationException("engine '" + n.id() + "' ("
                        + n.spec.type() + ") has no scenario totals output, so it cannot run on " + options.engine().name()));
        for (EngineSpec e : pipeline.engines()) {
            pipeline.inputsOf(e.id()).values().stream().filter(w -> n.id().equals(w.engine()) && !w.enginePort().equals(totalsPort))
                    .findFirst().ifPresent(w -> {
                        throw new ConfigurationException("engine '" + e.id() + "' reads '" + w.reference() + "', but '" + n.id()
                                + "' runs on " + options.engine().name() + " and hands back its scenario totals only");
                    });
        }
        OutputSpec o = pipeline.output().filter(f -> f.from().startsWith(n.id() + ".")).orElse(null);
        String perPairPort = o == null ? null : o.from().substring(n.id().length() + 1);
        BufferType perPairType = perPairPort == null ? null : n.info.outputPort(perPairPort).orElseThrow().bufferType();
        if (perPairType != null && !perPair(perPairType)) {
            perPairPort = null;
            perPairType = null;
        }
        n.policyPort = policyPort;
        n.config = EngineConfig.of(n.id(), n.spec.config(), pipeline.baseDirectory());
        n.stage = new PolicyStage(n.id(), n.spec.type(), n.config, credentials(), policyPort,
                pipeline.dataSources().get(pipeline.inputsOf(n.id()).get(policyPort).sourceId()), other, totalsPort, perPairPort,
                perPairType, perPairPort == null ? null : o.path());
        PolicyStage.Outcome r = remote.run(n.stage, Map.of());
        long records = r.scenarioTotals().byteSize() / BufferType.SCENARIO_TOTAL.recordSize();
        BufferInfo b = buffers.acquire(BufferType.SCENARIO_TOTAL, n.id() + "." + totalsPort, Math.max(1, records));
        MemorySegment.copy(r.scenarioTotals(), 0, b.segment(), 0, r.scenarioTotals().byteSize());
        n.outputs.put(totalsPort, b);
        n.outputTypes.put(totalsPort, BufferType.SCENARIO_TOTAL);
        n.written.put(totalsPort, records);
        notePeak();
        if (r.output() != null) {
            writtenOutput = r.output();
        }
        return r;
    }

    private String skipReason(Node n) {
        for (Wire w : pipeline.inputsOf(n.id()).values()) {
            if (w.engine() != null && nodes.get(w.engine()).run.status() != EngineRun.Status.SUCCEEDED) {
                return "not run: its input '" + w.reference() + "' is missing (engine '" + w.engine() + "' "
                        + nodes.get(w.engine()).run.status().name().toLowerCase(java.util.Locale.ROOT) + ")";
            }
        }
        if (abort.get()) {
            return "not run: another engine failed and the failure policy is " + options.failurePolicy().name().toLowerCase(java.util.Locale.ROOT);
        }
        return null;
    }

    /** Creates and initialises the engine, decides its chunking and allocates its output buffers. */
    private void prepare(Node n) {
        for (Map.Entry<String, Wire> e : pipeline.inputsOf(n.id()).entrySet()) {
            Wire w = e.getValue();
            if (w.engine() == null && w.type().equals(BufferType.INPUT)) {
                n.policyPort = e.getKey();
                n.policies = sources.get(w.sourceId()).recordCount();
            }
        }
        for (String port : outputPorts(n)) {
            n.outputTypes.put(port, n.info.outputPort(port).orElseThrow().bufferType());
        }
        Map<String, MemorySegment> all = inputs(n, -1);
        n.chunk = n.policyPort == null ? 0 : chunkSize(n, all);
        boolean chunked = n.policyPort != null && n.chunk < n.policies;
        Map<String, Object> config = new LinkedHashMap<>(n.spec.config());
        if (chunked && n.info.outputPorts().stream().anyMatch(p -> p.bufferType().equals(BufferType.SCENARIO_TOTAL))) {
            config.put(ACCUMULATE_TOTALS, true);
        }
        n.config = EngineConfig.of(n.id(), config, pipeline.baseDirectory());
        n.manager = new EngineLifecycleManager(() -> newEngine(n), lifecycleConfig());
        n.manager.initialize(n.config, credentials());
        if (chunked) {
            LOG.atDebug().addKeyValue("event", "chunking").addKeyValue("engine_id", n.id()).addKeyValue("policies", n.policies)
                    .addKeyValue("chunk_policies", n.chunk).log("engine {} runs {} policies in chunks of {}", n.id(), n.policies, n.chunk);
        }
    }

    private ICalcEngine newEngine(Node n) {
        ICalcEngine e = factory.create(n.spec.type());
        if (e instanceof io.livecalc.api.AMCredentialsAware aware) {
            aware.setCredentialsProvider(pipeline.credentialManager());
        }
        if (e instanceof EvaluatorAware aware) {
            aware.setEvaluator(evaluator(n));
        }
        n.instance.set(e);
        return e;
    }

    private io.livecalc.orchestrator.LifecycleConfig lifecycleConfig() {
        LifecycleConfig.Builder b = LifecycleConfig.builder()
                .retryPolicy(options.maxAttempts() <= 1 ? RetryPolicy.none() : RetryPolicy.exponential(options.maxAttempts(), options.initialBackoff()));
        if (!options.timeout().isZero()) {
            b.timeout(options.timeout());
        }
        return b.build();
    }

    private AMCredentials credentials() {
        return pipeline.credentials().orElse(null);
    }

    /** Policies per chunk: everything when it fits, else what the RESULT limit and the budget allow, aligned. */
    private long chunkSize(Node n, Map<String, MemorySegment> allInputs) {
        if (options.chunkPolicies() > 0) {
            return Math.min(options.chunkPolicies(), n.policies);
        }
        Map<String, MemorySegment> one = new HashMap<>(allInputs);
        one.put(n.policyPort, allInputs.get(n.policyPort).asSlice(0, Math.min(1, n.policies) * BufferType.INPUT.recordSize()));
        long chunk = Math.min(n.policies, BufferType.INPUT.maxRecords());
        long bytesPerPolicy = 0;
        for (Map.Entry<String, BufferType> e : n.outputTypes.entrySet()) {
            String port = e.getKey();
            BufferType type = e.getValue();
            if (perPair(type)) {
                long perPolicy = recordsFor(n, port, one);
                if (perPolicy > 0) {
                    chunk = Math.min(chunk, type.maxRecords() / perPolicy);
                    bytesPerPolicy += perPolicy * type.recordSize();
                }
            }
        }
        if (bytesPerPolicy > 0) {
            long free = options.memoryBudgetBytes() - buffers.usedBytes();
            chunk = Math.min(chunk, Math.max(0, free / 2) / bytesPerPolicy); // half the rest: room for downstream engines
            chunk = Math.min(chunk, Math.max(CHUNK_ALIGNMENT, PER_PAIR_CHUNK_BYTES / bytesPerPolicy));
        }
        if (chunk >= n.policies) {
            return n.policies;
        }
        long aligned = chunk >= 64 * CHUNK_ALIGNMENT ? chunk / (64 * CHUNK_ALIGNMENT) * (64 * CHUNK_ALIGNMENT)
                : chunk / CHUNK_ALIGNMENT * CHUNK_ALIGNMENT;
        if (aligned < 1) {
            throw new ConfigurationException("engine '" + n.id() + "': not even " + CHUNK_ALIGNMENT + " policies fit the memory budget of "
                    + options.memoryBudgetBytes() + " bytes (" + bytesPerPolicy + " bytes of per-pair output per policy); raise "
                    + "execution.memory_budget_mb or drop per-pair outputs");
        }
        return aligned;
    }

    private static boolean perPair(BufferType type) {
        return type.equals(BufferType.RESULT) || type.equals(BufferType.RESULT_DETAIL);
    }

    /** Ports to allocate: required outputs, outputs the DAG asks for, outputs read downstream, the output file's. */
    private Set<String> outputPorts(Node n) {
        Set<String> ports = new LinkedHashSet<>();
        n.info.outputPorts().stream().filter(PortSpec::required).forEach(p -> ports.add(p.name()));
        ports.addAll(n.spec.outputs());
        for (EngineSpec e : pipeline.engines()) {
            pipeline.inputsOf(e.id()).values().stream().filter(w -> n.id().equals(w.engine())).forEach(w -> ports.add(w.enginePort()));
        }
        pipeline.output().map(OutputSpec::from).filter(f -> f.startsWith(n.id() + ".")).ifPresent(f -> ports.add(f.substring(n.id().length() + 1)));
        return ports;
    }

    /** Records {@code port} receives for these inputs; before the engine exists, asks a throw-away instance. */
    private long recordsFor(Node n, String port, Map<String, MemorySegment> in) {
        ICalcEngine engine = n.instance.get();
        if (engine == null) {
            engine = factory.create(n.spec.type()); // sizing probe before the real engine exists
            try {
                engine.initialize(EngineConfig.of(n.id(), n.spec.config(), pipeline.baseDirectory()), credentials());
                return required(n, port, engine.outputRecords(port, in), in);
            } finally {
                engine.dispose();
            }
        }
        return required(n, port, engine.outputRecords(port, in), in);
    }

    /** The engine's count, else what the port declares ({@link io.livecalc.api.OutputSize}); refused, naming the remedies, without either. */
    private static long required(Node n, String port, OptionalLong records, Map<String, MemorySegment> in) {
        io.livecalc.api.OutputSize declared = n.info.outputPort(port).map(PortSpec::size).orElse(null);
        OptionalLong count = records.isPresent() || declared == null ? records : declared.records(n.info, in);
        if (count.isEmpty()) {
            throw new ConfigurationException(sizingProblem(n.id(), n.spec.type(), port));
        }
        return count.getAsLong();
    }

    /** Why an output buffer cannot be sized, and the ways to let it be (validation says the same before a run). */
    public static String sizingProblem(String engineId, String type, String port) {
        return "engine '" + engineId + "' (" + type + ") cannot say how many records it writes to '" + port + "', so its buffer cannot"
                + " be sized: declare the size on the port (PortSpec.sized(OutputSize.sameAs(\"<input port>\")) or OutputSize.fixed(n)),"
                + " or implement ICalcEngine.outputRecords (README, \"Writing your own engine\"); a Python class: a method"
                + " output_records(port, inputs) returning the count, or config key 'python.output_records'";
    }

    /** Input segments for chunk {@code c} ({@code -1}: all policies). */
    private Map<String, MemorySegment> inputs(Node n, long c) {
        Map<String, MemorySegment> in = new LinkedHashMap<>();
        pipeline.inputsOf(n.id()).forEach((port, w) -> {
            MemorySegment seg;
            if (w.engine() == null) {
                seg = sources.get(w.sourceId()).segment();
                if (port.equals(n.policyPort) && c >= 0) {
                    long from = c * n.chunk;
                    long count = Math.min(n.chunk, n.policies - from);
                    seg = seg.asSlice(from * w.type().recordSize(), count * w.type().recordSize());
                }
            } else {
                Node producer = nodes.get(w.engine());
                if (producer.policyPort != null && producer.chunk < producer.policies && perPair(w.type())) {
                    throw new ConfigurationException("engine '" + n.id() + "' reads the per-pair output '" + w.reference()
                            + "', but '" + w.engine() + "' ran in policy chunks and keeps only the last one; read its scenario totals, "
                            + "or raise execution.memory_budget_mb so that one chunk holds every policy");
                }
                long records = producer.written.get(w.enginePort());
                seg = producer.outputs.get(w.enginePort()).segment().asSlice(0, records * w.type().recordSize());
            }
            in.put(port, seg);
        });
        return in;
    }

    /** Output segments sized for these inputs; buffers are allocated on the first chunk and reused. */
    private Map<String, MemorySegment> outputs(Node n, Map<String, MemorySegment> in) {
        Map<String, MemorySegment> out = new LinkedHashMap<>();
        for (Map.Entry<String, BufferType> e : n.outputTypes.entrySet()) {
            String port = e.getKey();
            BufferType type = e.getValue();
            long records = required(n, port, n.instance.get().outputRecords(port, in), in);
            BufferInfo b = n.outputs.get(port);
            if (b == null) {
                long capacity = records;
                if (n.policyPort != null && perPair(type) && n.chunk < n.policies) {
                    long perPolicy = records / Math.max(1, in.get(n.policyPort).byteSize() / BufferType.INPUT.recordSize());
                    capacity = Math.max(records, perPolicy * n.chunk);
                }
                b = buffers.acquire(type, n.id() + "." + port, Math.max(1, capacity));
                n.outputs.put(port, b);
                notePeak();
            }
            out.put(port, b.segment().asSlice(0, records * type.recordSize())); // totals keep their values: they accumulate
        }
        return out;
    }

    private void notePeak() {
        peakBytes.accumulateAndGet(buffers.usedBytes(), Math::max);
    }

    // ---- output file ---------------------------------------------------------------------------

    private void streamToSink(Node n, Map<String, MemorySegment> out, double chunkTimeMs) {
        OutputSpec o = pipeline.output().orElse(null);
        if (o == null || !o.from().startsWith(n.id() + ".")) {
            return;
        }
        String port = o.from().substring(n.id().length() + 1);
        BufferType type = n.info.outputPort(port).orElseThrow().bufferType();
        if (!perPair(type)) {
            return; // whole-run outputs are written when the pipeline ends
        }
        synchronized (this) {
            if (sink == null) {
                sink = ParquetSupport.openWriter(o.path(), type);
            }
            MemorySegment seg = out.get(port);
            sink.setExecutionTimeMs(chunkTimeMs);
            sink.write(seg, seg.byteSize() / type.recordSize());
        }
    }

    /** Commits the streamed output, or writes a whole-run output (totals, scenarios) of an engine that succeeded. */
    private void finishSink() {
        OutputSpec o = pipeline.output().orElse(null);
        if (o == null) {
            return;
        }
        String engineId = o.from().substring(0, o.from().indexOf('.'));
        String port = o.from().substring(engineId.length() + 1);
        Node n = nodes.get(engineId);
        if (sink != null) {
            sink.commit(); // per-pair rows written so far are kept; the summary says whether the run was partial
            writtenOutput = o.path();
            return;
        }
        if (n.run.status() == EngineRun.Status.SUCCEEDED && n.outputs.containsKey(port)) {
            BufferType type = n.info.outputPort(port).orElseThrow().bufferType();
            long records = n.written.get(port);
            ParquetSupport.write(o.path(), type, n.outputs.get(port).segment(), records);
            writtenOutput = o.path();
        }
    }

    /** The scenario totals of every engine that succeeded and wrote some, by engine id in execution order. */
    private Map<String, ValuationResult> valuations() {
        Map<String, ValuationResult> out = new LinkedHashMap<>();
        for (Node n : nodes.values()) {
            if (n.run != null && n.run.status() == EngineRun.Status.SUCCEEDED) {
                for (Map.Entry<String, BufferInfo> e : n.outputs.entrySet()) {
                    if (e.getValue().type().equals(BufferType.SCENARIO_TOTAL) && !out.containsKey(n.id())) {
                        long records = n.written.get(e.getKey());
                        out.put(n.id(), ValuationResult.ofScenarioTotals(
                                e.getValue().segment().asSlice(0, records * BufferType.SCENARIO_TOTAL.recordSize()), n.run.executionTimeMs()));
                    }
                }
            }
        }
        return out;
    }

    /** The RESULT output of every engine that succeeded and wrote one, for {@link PipelineResult#pairs}. */
    private Map<String, PipelineResult.Pairs> pairs() {
        Map<String, PipelineResult.Pairs> out = new LinkedHashMap<>();
        for (Node n : nodes.values()) {
            for (Map.Entry<String, BufferInfo> e : n.outputs.entrySet()) {
                if (!e.getValue().type().equals(BufferType.RESULT) || out.containsKey(n.id())) {
                    continue;
                }
                if (n.run == null || n.run.status() != EngineRun.Status.SUCCEEDED) {
                    out.put(n.id(), new PipelineResult.Pairs(null, "it did not succeed (" + (n.run == null ? "not run" : n.run.status()) + ")"));
                } else if (e.getValue().isShared()) {
                    out.put(n.id(), new PipelineResult.Pairs(null, "its per-pair results are in shared memory, which a run releases"
                            + " when it ends (a Python engine's buffers are files); write them to an output file"));
                } else if (n.policyPort != null && n.chunk < n.policies) {
                    out.put(n.id(), new PipelineResult.Pairs(null, "it ran in " + n.run.chunks() + " policy chunks and its buffer holds only"
                            + " the last; write the per-pair results to an output file, or let one chunk hold every policy (chunkPolicies(0)"
                            + " and a memory budget that fits them)"));
                } else {
                    long records = n.written.get(e.getKey());
                    out.put(n.id(), new PipelineResult.Pairs(e.getValue().segment().asSlice(0, records * BufferType.RESULT.recordSize()), null));
                }
            }
        }
        return out;
    }

    /** The run's headline valuation: the output's engine's, else the last engine's that wrote scenario totals. */
    private ValuationResult valuation(Map<String, ValuationResult> valuations) {
        String preferred = pipeline.output().map(OutputSpec::from).orElse("");
        for (Map.Entry<String, ValuationResult> e : valuations.entrySet()) {
            if (preferred.startsWith(e.getKey() + ".")) {
                return e.getValue();
            }
        }
        ValuationResult last = null;
        for (ValuationResult v : valuations.values()) {
            last = v;
        }
        return last;
    }

    // ---- solver support ------------------------------------------------------------------------

    /**
     * An evaluator for an engine that re-values the portfolio (a solver). A parameter is the scenario totals
     * producer's config key ({@code premium_rate}, ...), or another engine's ({@code esg.drift}); each evaluation
     * re-runs exactly the engines that own a parameter it moves and every engine between them and the totals, in
     * the pipeline's order, with the run's buffers for every other input. What the re-run engines write goes to
     * buffers kept for the solver ({@code <solver>.evaluation.<engine>.<port>}): allocated by the first evaluation,
     * reused by the next ones and by the next run of the pipeline.
     */
    private ParameterEvaluator evaluator(Node solver) {
        Wire totals = pipeline.inputsOf(solver.id()).values().stream()
                .filter(w -> w.engine() != null && w.type().equals(BufferType.SCENARIO_TOTAL)).findFirst().orElse(null);
        if (totals == null) {
            return parameters -> {
                throw new ConfigurationException("engine '" + solver.id() + "' has no scenario totals input from an engine to re-run");
            };
        }
        Map<String, BufferInfo> kept = new ConcurrentHashMap<>();
        AtomicLong evaluations = new AtomicLong();
        return parameters -> {
            Node producer = nodes.get(totals.engine());
            Map<String, Map<String, Double>> byOwner = owners(solver, producer, parameters);
            if (producer.stage != null) {
                if (!byOwner.keySet().equals(Set.of(producer.id()))) {
                    throw new ConfigurationException("engine '" + solver.id() + "': '" + producer.id() + "' runs on " + options.engine().name()
                            + ", which re-runs it alone; parameters of " + byOwner.keySet() + " need a local run");
                }
                PolicyStage.Outcome r = remote.run(producer.stage, Map.copyOf(parameters)); // re-runs the remote stage, totals only
                listener.evaluationCompleted(solver.id(), (int) evaluations.incrementAndGet(), List.of(producer.id()), Map.copyOf(parameters));
                return ValuationResult.ofScenarioTotals(r.scenarioTotals(), r.executionTimeMs());
            }
            List<Node> chain = chain(byOwner.keySet(), producer);
            Map<String, MemorySegment> rerun = new HashMap<>(); // engine.port -> what this evaluation wrote
            double time = 0;
            for (Node n : chain) {
                time += rerun(solver, n, n == producer ? totals.enginePort() : null, chain, byOwner.getOrDefault(n.id(), Map.of()), rerun, kept);
            }
            List<String> ran = chain.stream().map(Node::id).toList();
            LOG.atDebug().addKeyValue("event", "solver_evaluation").addKeyValue("engine_id", solver.id()).addKeyValue("engines", ran)
                    .log("solver {} re-ran {}", solver.id(), ran);
            listener.evaluationCompleted(solver.id(), (int) evaluations.incrementAndGet(), ran, Map.copyOf(parameters));
            return ValuationResult.ofScenarioTotals(rerun.get(producer.id() + "." + totals.enginePort()), time);
        };
    }

    /** The parameters by the engine whose config key each one sets; unknown names and engines are refused. */
    private Map<String, Map<String, Double>> owners(Node solver, Node producer, Map<String, Double> parameters) {
        Map<String, Map<String, Double>> byOwner = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : parameters.entrySet()) {
            String name = e.getKey();
            int dot = name.indexOf('.');
            String owner = SOLVER_PARAMETERS.contains(name) ? producer.id() : ParameterEvaluator.isEngineKey(name) ? name.substring(0, dot) : null;
            if (owner == null) {
                throw new ConfigurationException("engine '" + solver.id() + "': unknown parameter '" + name + "'; known: "
                        + new java.util.TreeSet<>(SOLVER_PARAMETERS) + ", or <engine>.<config key> of an engine upstream");
            }
            if (!nodes.containsKey(owner) || !upstream(producer.id()).contains(owner)) {
                throw new ConfigurationException("engine '" + solver.id() + "': parameter '" + name + "' names engine '" + owner
                        + "', which is not '" + producer.id() + "' or upstream of it; engines upstream: " + upstream(producer.id()));
            }
            byOwner.computeIfAbsent(owner, k -> new LinkedHashMap<>()).put(SOLVER_PARAMETERS.contains(name) ? name : name.substring(dot + 1),
                    e.getValue());
        }
        return byOwner;
    }

    private Set<String> upstream(String engineId) {
        return PipelineValidator.upstream(engineId, pipeline::inputsOf);
    }

    /** The engines downstream of (or being) an owner and upstream of (or being) the producer, in the pipeline's order. */
    private List<Node> chain(Set<String> owners, Node producer) {
        Set<String> toProducer = upstream(producer.id());
        Set<String> affected = new HashSet<>(owners);
        List<Node> chain = new ArrayList<>();
        for (EngineSpec e : pipeline.engines()) {
            boolean fed = pipeline.inputsOf(e.id()).values().stream().anyMatch(w -> w.engine() != null && affected.contains(w.engine()));
            if (fed) {
                affected.add(e.id());
            }
            if (affected.contains(e.id()) && toProducer.contains(e.id())) {
                chain.add(nodes.get(e.id()));
            }
        }
        return chain;
    }

    /**
     * Re-runs one engine of an evaluation with {@code changes} to its config, over every policy chunk when it is fed
     * policies; writes the ports the rest of the chain reads (and {@code totalsPort}) into kept buffers.
     *
     * @return the engine's execution time
     */
    private double rerun(Node solver, Node n, String totalsPort, List<Node> chain, Map<String, Double> changes,
                         Map<String, MemorySegment> rerun, Map<String, BufferInfo> kept) {
        Set<String> ports = new LinkedHashSet<>();
        if (totalsPort != null) {
            ports.add(totalsPort);
        }
        for (Node reader : chain) {
            pipeline.inputsOf(reader.id()).values().stream().filter(w -> n.id().equals(w.engine())).forEach(w -> ports.add(w.enginePort()));
        }
        long chunks = n.policyPort == null ? 1 : Math.max(1, (n.policies + n.chunk - 1) / n.chunk);
        if (chunks > 1 && ports.stream().anyMatch(p -> !n.outputTypes.get(p).equals(BufferType.SCENARIO_TOTAL))) {
            throw new ConfigurationException("engine '" + solver.id() + "' must re-run '" + n.id() + "', which runs in policy chunks and hands"
                    + " on per-pair output: let one chunk hold every policy (a larger execution.memory_budget_mb)");
        }
        EngineConfig config = n.config;
        for (Map.Entry<String, Double> e : changes.entrySet()) {
            config = config.with(e.getKey(), e.getValue());
        }
        ICalcEngine engine = factory.create(n.spec.type());
        if (engine instanceof io.livecalc.api.AMCredentialsAware aware) {
            aware.setCredentialsProvider(pipeline.credentialManager());
        }
        double time = 0;
        try {
            engine.initialize(config, credentials());
            for (long c = 0; c < chunks; c++) {
                Map<String, MemorySegment> in = inputs(n, c);
                pipeline.inputsOf(n.id()).forEach((port, w) -> {
                    MemorySegment fresh = w.engine() == null ? null : rerun.get(w.reference());
                    if (fresh != null) {
                        in.put(port, fresh);
                    }
                });
                Map<String, MemorySegment> out = new LinkedHashMap<>();
                for (String port : ports) {
                    BufferType type = n.outputTypes.get(port);
                    long records = required(n, port, engine.outputRecords(port, in), in);
                    String name = solver.id() + ".evaluation." + n.id() + "." + port;
                    BufferInfo b = kept.get(name);
                    if (b == null || b.recordCount() < records) {
                        if (b != null) {
                            buffers.release(name);
                        }
                        b = buffers.acquire(type, name, Math.max(1, records));
                        kept.put(name, b);
                        notePeak();
                    }
                    MemorySegment view = b.segment().asSlice(0, records * type.recordSize());
                    if (c == 0) {
                        view.fill((byte) 0); // chunked totals accumulate: each evaluation starts from zero
                    }
                    out.put(port, view);
                }
                ExecutionResult r = engine.runChunk(in, out);
                if (!r.success()) {
                    throw new EngineExecutionException("re-running engine '" + n.id() + "' for '" + solver.id() + "' failed: " + r.errorMessage());
                }
                time += r.executionTimeMs();
                out.forEach((port, seg) -> rerun.put(n.id() + "." + port, seg));
            }
            return time;
        } finally {
            engine.dispose();
        }
    }
}
