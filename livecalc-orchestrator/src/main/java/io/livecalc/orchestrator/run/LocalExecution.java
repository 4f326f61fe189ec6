package io.livecalc.orchestrator.run;

import io.livecalc.orchestrator.EngineLifecycleManager;
import io.livecalc.api.BufferType;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EngineExecutionException;
import io.livecalc.api.EvaluatorAware;
import io.livecalc.api.ExecutionResult;
import io.livecalc.api.ICalcEngine;
import io.livecalc.buffers.BufferInfo;
import io.livecalc.orchestrator.ChunkRun;
import io.livecalc.orchestrator.EngineStats;
import io.livecalc.orchestrator.ScenarioFan;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an engine in this JVM: creates and initialises it through its lifecycle manager (timeouts, retries), decides
 * its policy chunks, and runs chunk after chunk with its producers' very buffers as inputs and its own buffers,
 * allocated on the first chunk and reused, as outputs; each chunk's per-pair output goes to the output sink.
 *
 * <p>Scenario totals accumulate across chunks in the engine ({@value #ACCUMULATE_TOTALS}), so a chunked run gives the
 * same totals, bit for bit, as one unchunked run (the projection sums in fixed blocks of 1024 policies).
 */
public final class LocalExecution implements EngineExecution {

    private static final Logger LOG = LoggerFactory.getLogger(LocalExecution.class);
    /** Config key the orchestrator sets on engines that write scenario totals over several chunks. */
    public static final String ACCUMULATE_TOTALS = "accumulate_totals";

    private final RunState state;
    private final OutputSinks sinks;
    private final SolverEvaluations solver;

    public LocalExecution(RunState state, OutputSinks sinks, SolverEvaluations solver) {
        this.state = state;
        this.sinks = sinks;
        this.solver = solver;
    }

    @Override
    public void execute(EngineNode n, Tally tally) {
        prepare(n);
        long chunks = n.chunks();
        tally.chunks = chunks;
        state.listener.engineStarted(n.id(), chunks);
        for (long c = 0; c < chunks; c++) {
            Map<String, MemorySegment> in = state.inputs(n, c);
            Map<String, MemorySegment> out = outputs(n, in);
            long chunkStart = System.nanoTime();
            EngineStats before = n.manager.stats();
            ExecutionResult r;
            try {
                r = n.manager.runChunk(in, out);
            } catch (RuntimeException | Error e) {
                tally.timeline.add(chunkRun(n, c, chunkStart, before, false));
                throw e;
            }
            tally.timeline.add(chunkRun(n, c, chunkStart, before, r.success()));
            double chunkMs = (System.nanoTime() - chunkStart) / 1e6;
            if (!r.success()) {
                throw new EngineExecutionException("engine '" + n.id() + "' failed"
                        + (chunks > 1 ? " on policy chunk " + (c + 1) + " of " + chunks : "") + ": " + r.errorMessage());
            }
            tally.timeMs += chunkMs; // wall time of the call, retries included (the engine's own figure may leave out waits)
            tally.rows += r.rowsProcessed();
            tally.bytes += r.bytesWritten();
            tally.warnings.addAll(r.warnings());
            out.forEach((port, seg) -> n.written.put(port, seg.byteSize() / n.step.outputs().get(port).recordSize()));
            sinks.chunkWritten(n, out, chunkMs);
            state.listener.chunkCompleted(n.id(), c + 1, chunks, chunkMs);
        }
        Map<String, Object> report = n.instance.get().report();
        if (!report.isEmpty()) {
            state.reports.put(n.id(), report);
        }
        try {
            scenarioFan(n); // feeds only the summary and report: a failure here must not fail a finished engine
        } catch (RuntimeException e) {
            tally.warnings.add("no scenario fan for the report: " + e.getMessage());
        }
    }

    /** Creates and initialises the engine, decides its chunking (the config says when totals accumulate). */
    private void prepare(EngineNode n) {
        String policyPort = n.step.policyPort();
        Map<String, MemorySegment> all = state.inputs(n, -1); // refuses unreadable inputs before the engine exists
        if (policyPort != null) {
            n.policies = state.sources.get(n.step.inputs().get(policyPort).sourceId()).recordCount();
            n.chunk = ChunkSizing.chunkSize(state, n, all);
        }
        Map<String, Object> config = new LinkedHashMap<>(n.step.spec().config());
        if (n.chunked() && n.step.info().outputPorts().stream().anyMatch(p -> p.bufferType().equals(BufferType.SCENARIO_TOTAL))) {
            config.put(ACCUMULATE_TOTALS, true);
        }
        n.config = EngineConfig.of(n.id(), config, state.pipeline.baseDirectory());
        n.manager = new EngineLifecycleManager(() -> newEngine(n), state.lifecycleConfig());
        n.manager.initialize(n.config, state.credentials());
        if (n.chunked()) {
            LOG.atDebug().addKeyValue("event", "chunking").addKeyValue("engine_id", n.id()).addKeyValue("policies", n.policies)
                    .addKeyValue("chunk_policies", n.chunk).log("engine {} runs {} policies in chunks of {}", n.id(), n.policies, n.chunk);
        }
    }

    private ICalcEngine newEngine(EngineNode n) {
        ICalcEngine e = state.newEngine(n);
        if (e instanceof EvaluatorAware aware) {
            aware.setEvaluator(solver.evaluator(n));
        }
        n.instance.set(e);
        return e;
    }

    /** Output segments sized for these inputs; buffers are allocated on the first chunk and reused. */
    private Map<String, MemorySegment> outputs(EngineNode n, Map<String, MemorySegment> in) {
        Map<String, MemorySegment> out = new LinkedHashMap<>();
        for (Map.Entry<String, BufferType> e : n.step.outputs().entrySet()) {
            String port = e.getKey();
            BufferType type = e.getValue();
            long records = ChunkSizing.required(n, n.instance.get().outputRecords(port, in), port, in);
            BufferInfo b = n.outputs.get(port);
            if (b == null) {
                long capacity = records;
                if (n.chunked() && RunPlan.perPair(type)) {
                    long perPolicy = records / Math.max(1, in.get(n.step.policyPort()).byteSize() / BufferType.INPUT.recordSize());
                    capacity = Math.max(records, perPolicy * n.chunk);
                }
                b = state.buffers.acquire(type, n.id() + "." + port, Math.max(1, capacity));
                n.outputs.put(port, b);
                state.notePeak();
            }
            out.put(port, b.segment().asSlice(0, records * type.recordSize())); // totals keep their values: they accumulate
        }
        return out;
    }

    /** Chunk {@code c} (0-based) as the timeline keeps it: start, wall time, attempts and timeouts (the manager's counters). */
    private ChunkRun chunkRun(EngineNode n, long c, long startNanos, EngineStats before, boolean succeeded) {
        EngineStats after = n.manager.stats();
        return new ChunkRun((int) c + 1, (startNanos - state.startNanos) / 1e6, (System.nanoTime() - startNanos) / 1e6,
                1 + (int) (after.retries() - before.retries()), (int) (after.timeouts() - before.timeouts()), succeeded);
    }

    /** The fan of the engine's first SCENARIO output (an ESG's scenarios), for the summary and the report. */
    private void scenarioFan(EngineNode n) {
        for (Map.Entry<String, BufferInfo> e : n.outputs.entrySet()) {
            if (e.getValue().type().equals(BufferType.SCENARIO)) {
                if (n.written.get(e.getKey()) != null) {
                    ScenarioFan fan = ScenarioFan.of(n.writtenTo(e.getKey()));
                    if (fan != null) {
                        state.fans.put(n.id(), fan);
                    }
                }
                return;
            }
        }
    }
}
