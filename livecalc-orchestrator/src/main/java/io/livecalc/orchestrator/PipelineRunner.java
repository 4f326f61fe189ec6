package io.livecalc.orchestrator;

import io.livecalc.api.BufferType;
import io.livecalc.api.EngineExecutionException;
import io.livecalc.api.ValuationResult;
import io.livecalc.orchestrator.dag.OutputSpec;
import io.livecalc.orchestrator.dag.Wire;
import io.livecalc.orchestrator.run.EngineEvents;
import io.livecalc.orchestrator.run.EngineExecution;
import io.livecalc.orchestrator.run.EngineNode;
import io.livecalc.orchestrator.run.LocalExecution;
import io.livecalc.orchestrator.run.OutputSinks;
import io.livecalc.orchestrator.run.PipelineBuffers;
import io.livecalc.orchestrator.run.RunPlan;
import io.livecalc.orchestrator.run.RunState;
import io.livecalc.orchestrator.run.RunSummary;
import io.livecalc.orchestrator.run.SolverEvaluations;
import io.livecalc.orchestrator.run.SourceLoading;
import io.livecalc.orchestrator.run.StageExecution;
import io.livecalc.orchestrator.run.Tally;
import io.livecalc.orchestrator.spi.StageExecutor;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a validated {@link Pipeline} once, following its {@link RunPlan}: loads the data sources into buffers, runs the
 * engines in topological order (independent branches at the same time, up to the configured parallelism), each by
 * its {@link EngineExecution} (here, chunk by chunk; or on the {@link StageExecutor} a non-local
 * {@link ExecutionEngine} names), writes the output file through the {@link OutputSinks}, and assembles the
 * {@link PipelineResult}. An engine that fails is recorded with what it did so far, its message redacted; the
 * failure policy decides whether the others go on. Its buffers come from the pipeline's {@link PipelineBuffers}: the
 * result holds them until it is closed, and the next run reuses them.
 */
final class PipelineRunner {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);

    private final Pipeline pipeline;
    private final PipelineListener listener;
    private final PipelineBuffers buffers;
    private final Function<String, io.livecalc.orchestrator.dag.internal.InMemoryData> inMemory;

    /** @param buffers the pipeline's kept buffers, held by this run until its result is closed */
    PipelineRunner(Pipeline pipeline, PipelineListener listener, PipelineBuffers buffers,
                   Function<String, io.livecalc.orchestrator.dag.internal.InMemoryData> inMemory) {
        this.pipeline = pipeline;
        this.listener = listener;
        this.buffers = buffers;
        this.inMemory = inMemory;
    }

    PipelineResult run(PipelineResult.Lease lease) {
        long start = System.nanoTime();
        buffers.startRun();
        long allocationsBefore = buffers.manager().allocationCount();
        long bytesBefore = buffers.manager().allocatedBytesTotal();
        RunState state = new RunState(pipeline, RunPlan.of(pipeline), listener, buffers, start);
        // Quiet by default: these two lines are all a run logs at INFO; engine and chunk events are DEBUG.
        LOG.atInfo().addKeyValue("event", "pipeline_start").addKeyValue("pipeline", pipeline.source())
                .addKeyValue("engines", pipeline.engines().size()).log("pipeline {} started: {} engines", pipeline.source(), pipeline.engines().size());
        try (OutputSinks sinks = new OutputSinks(pipeline.output().orElse(null))) {
            AtomicReference<StageExecution> stages = new AtomicReference<>();
            try {
                stages.set(StageExecution.open(state, sinks));
                sinks.sweepStaleTemporaries();
                SourceLoading.load(state, stages.get() != null, inMemory);
                LocalExecution local = new LocalExecution(state, sinks, new SolverEvaluations(state, stages::get));
                runAll(state, n -> n.step.remote() ? stages.get() : local);
                sinks.finish(state.nodes);
                return result(state, sinks.written(), start, allocationsBefore, bytesBefore, lease);
            } finally {
                buffers.freeShared(); // another process's files (a Python engine's) are not kept between runs
                if (stages.get() != null) {
                    stages.get().close();
                }
            }
        }
    }

    private PipelineResult result(RunState state, Path written, long start, long allocationsBefore, long bytesBefore,
                                  PipelineResult.Lease lease) {
        Map<String, ValuationResult> valuations = valuations(state);
        ValuationResult valuation = valuation(valuations);
        Map<String, EngineRun> runs = new LinkedHashMap<>();
        state.nodes.values().forEach(n -> runs.put(n.id(), n.run));
        buffers.freeUnused();
        Map<String, Long> stats = buffers.stats();
        PipelineResult.Allocation allocation = new PipelineResult.Allocation(buffers.manager().allocationCount() - allocationsBefore,
                buffers.manager().allocatedBytesTotal() - bytesBefore);
        Map<String, PipelineResult.Pairs> pairs = pairs(state);
        double wall = (System.nanoTime() - start) / 1e6;
        Map<String, ScenarioFan> fans = new LinkedHashMap<>();
        state.nodes.keySet().stream().filter(state.fans::containsKey).forEach(id -> fans.put(id, state.fans.get(id)));
        PipelineResult result = new PipelineResult(runs, valuation, valuations, stats, state.peakBytes(), state.warnings, written, null, wall,
                state.reports, fans, null, pairs, allocation, PipelineResult.Lease.NONE);
        Map<String, Long> records = new LinkedHashMap<>();
        state.sources.forEach((id, b) -> records.put(id, b.recordCount()));
        Instant finished = Instant.now();
        // made when first asked for: a run without an output file does not pay for checksums it may never show
        Supplier<Map<String, Object>> summaryData = memoized(() -> RunSummary.toMap(pipeline, result, records, finished));
        Path summary = pipeline.output().map(o -> RunSummary.write(summaryData.get(), o.path())).orElse(null);
        LOG.atInfo().addKeyValue("event", "pipeline_complete").addKeyValue("pipeline", pipeline.source())
                .addKeyValue("success", result.success()).addKeyValue("wall_time_ms", wall)
                .addKeyValue("output", written == null ? null : written.toString())
                .log("pipeline {} {} in {} ms", pipeline.source(), result.success() ? "succeeded" : "ended partial", Math.round(wall));
        return new PipelineResult(runs, valuation, valuations, stats, state.peakBytes(), state.warnings, written, summary, wall, state.reports,
                fans, summaryData, pairs, allocation, lease);
    }

    private static <T> Supplier<T> memoized(Supplier<T> make) {
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

    /**
     * Starts engines whose producers have finished, in topological order, at most {@code parallelism} at
     * a time; with parallelism 1 the order is exactly the pipeline's. Closes every engine at the end.
     */
    private void runAll(RunState state, Function<EngineNode, EngineExecution> executionOf) {
        int parallelism = state.options.parallelism();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "livecalc-pipeline");
            t.setDaemon(true);
            return t;
        });
        try {
            ExecutorCompletionService<EngineNode> completion = new ExecutorCompletionService<>(pool);
            List<EngineNode> pending = new ArrayList<>(state.nodes.values());
            Set<String> finished = new HashSet<>();
            int running = 0;
            while (!pending.isEmpty() || running > 0) {
                for (Iterator<EngineNode> it = pending.iterator(); it.hasNext() && running < parallelism; ) {
                    EngineNode n = it.next();
                    if (n.step.inputs().values().stream().allMatch(w -> w.engine() == null || finished.contains(w.engine()))) {
                        it.remove();
                        completion.submit(() -> runEngine(state, n, executionOf.apply(n)), n);
                        running++;
                    }
                }
                try {
                    finished.add(completion.take().get().id());
                    running--;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    state.abort.set(true);
                    throw new EngineExecutionException("pipeline interrupted", e, true);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("pipeline scheduler failed: " + e.getCause(), e.getCause()); // runEngine catches everything
                }
            }
        } finally {
            pool.shutdownNow();
            state.nodes.values().forEach(n -> {
                if (n.manager != null) {
                    n.manager.close();
                }
            });
        }
    }

    private void runEngine(RunState state, EngineNode n, EngineExecution execution) {
        try {
            double startMs = state.sinceStart();
            String skip = skipReason(state, n);
            if (skip != null) {
                n.run = new EngineRun(n.id(), n.step.spec().type(), EngineRun.Status.SKIPPED, 0, 0, 0, 0, List.of(), skip, false, startMs,
                        startMs, List.of());
                return;
            }
            Tally tally = new Tally();
            try {
                execution.execute(n, tally);
                n.run = new EngineRun(n.id(), n.step.spec().type(), EngineRun.Status.SUCCEEDED, (int) tally.chunks, tally.timeMs, tally.rows,
                        tally.bytes, tally.warnings, null, false, startMs, state.sinceStart(), tally.timeline);
            } catch (RuntimeException | Error e) {
                failed(state, n, e, tally, startMs);
            }
        } finally {
            listener.engineFinished(n.run);
        }
    }

    /** Records a failed engine; engines may put secrets in messages, so nothing leaves the runner unmasked. */
    private void failed(RunState state, EngineNode n, Throwable e, Tally tally, double startMs) {
        EngineEvents events = new EngineEvents(n.id(), n.step.spec().type(), EngineEvents.secretsOf(state.config(n), state.credentials()));
        String message = events.redact(e.getMessage() == null ? e.toString() : e.getMessage());
        tally.warnings.replaceAll(events::redact);
        Throwable logged = events.redact(e);
        n.run = new EngineRun(n.id(), n.step.spec().type(), EngineRun.Status.FAILED, (int) tally.chunks, tally.timeMs, tally.rows, tally.bytes,
                tally.warnings, message, EngineEvents.isBadInput(e), startMs, state.sinceStart(), tally.timeline);
        boolean fatal = switch (state.options.failurePolicy()) {
            case FAIL_FAST -> true;
            case SKIP_OPTIONAL -> !n.step.spec().optional();
            case BEST_EFFORT -> false;
        };
        if (fatal) {
            state.abort.set(true);
        }
        state.warnings.add("engine '" + n.id() + "' failed: " + message);
        if (n.run.badInput()) {
            LOG.atWarn().addKeyValue("event", "engine_failed").addKeyValue("engine_id", n.id()).log("engine {} failed: {}", n.id(), message);
        } else {
            LOG.atError().addKeyValue("event", "engine_failed").addKeyValue("engine_id", n.id()).setCause(logged)
                    .log("engine {} failed: {}", n.id(), message);
        }
    }

    private static String skipReason(RunState state, EngineNode n) {
        for (Wire w : n.step.inputs().values()) {
            if (w.engine() != null && state.nodes.get(w.engine()).run.status() != EngineRun.Status.SUCCEEDED) {
                return "not run: its input '" + w.reference() + "' is missing (engine '" + w.engine() + "' "
                        + state.nodes.get(w.engine()).run.status().name().toLowerCase(Locale.ROOT) + ")";
            }
        }
        if (state.abort.get()) {
            return "not run: another engine failed and the failure policy is " + state.options.failurePolicy().name().toLowerCase(Locale.ROOT);
        }
        return null;
    }

    /** The scenario totals of every engine that succeeded and wrote some, by engine id in execution order. */
    private static Map<String, ValuationResult> valuations(RunState state) {
        Map<String, ValuationResult> out = new LinkedHashMap<>();
        for (EngineNode n : state.nodes.values()) {
            if (n.run != null && n.run.status() == EngineRun.Status.SUCCEEDED) {
                MemorySegment totals = state.scenarioTotals(n);
                if (totals != null) {
                    out.put(n.id(), ValuationResult.ofScenarioTotals(totals, n.run.executionTimeMs()));
                }
            }
        }
        return out;
    }

    /** The RESULT output of every engine that wrote one, for {@link PipelineResult#pairs}; why not, when not. */
    private static Map<String, PipelineResult.Pairs> pairs(RunState state) {
        Map<String, PipelineResult.Pairs> out = new LinkedHashMap<>();
        for (EngineNode n : state.nodes.values()) {
            String port = n.outputs.entrySet().stream().filter(e -> e.getValue().type().equals(BufferType.RESULT)).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
            if (port == null) {
                continue;
            }
            if (n.run == null || n.run.status() != EngineRun.Status.SUCCEEDED) {
                out.put(n.id(), new PipelineResult.Pairs(null, "it did not succeed (" + (n.run == null ? "not run" : n.run.status()) + ")"));
            } else if (n.outputs.get(port).isShared()) {
                out.put(n.id(), new PipelineResult.Pairs(null, "its per-pair results are in shared memory, which a run releases"
                        + " when it ends (a Python engine's buffers are files); write them to an output file"));
            } else if (n.chunked()) {
                out.put(n.id(), new PipelineResult.Pairs(null, "it ran in " + n.run.chunks() + " policy chunks and its buffer holds only"
                        + " the last; write the per-pair results to an output file, or let one chunk hold every policy (chunkPolicies(0)"
                        + " and a memory budget that fits them)"));
            } else {
                out.put(n.id(), new PipelineResult.Pairs(n.writtenTo(port), null));
            }
        }
        return out;
    }

    /** The run's headline valuation: the output's engine's, else the last engine's that wrote scenario totals. */
    private ValuationResult valuation(Map<String, ValuationResult> valuations) {
        String preferred = pipeline.output().map(OutputSpec::from).orElse("");
        ValuationResult last = null;
        for (Map.Entry<String, ValuationResult> e : valuations.entrySet()) {
            if (preferred.startsWith(e.getKey() + ".")) {
                return e.getValue();
            }
            last = e.getValue();
        }
        return last;
    }
}
