package io.livecalc.orchestrator.run;

import io.livecalc.api.AMCredentials;
import io.livecalc.api.BufferType;
import io.livecalc.api.ConfigurationException;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.ICalcEngine;
import io.livecalc.buffers.BufferInfo;
import io.livecalc.orchestrator.ExecutionOptions;
import io.livecalc.orchestrator.LifecycleConfig;
import io.livecalc.orchestrator.Pipeline;
import io.livecalc.orchestrator.PipelineListener;
import io.livecalc.orchestrator.RetryPolicy;
import io.livecalc.orchestrator.ScenarioFan;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the parts of one run share: the pipeline and its plan, the loaded data sources, every engine's node, the
 * buffers, and what the run gathers for its result (warnings, reports, scenario fans, peak memory).
 */
public final class RunState {

    public final Pipeline pipeline;
    public final RunPlan plan;
    public final PipelineListener listener;
    public final ExecutionOptions options;
    public final PipelineBuffers buffers;
    /** Loaded data sources by id (the policies stay out when a stage executor reads them where it runs). */
    public final Map<String, BufferInfo> sources = new LinkedHashMap<>();
    public final Map<String, EngineNode> nodes = new LinkedHashMap<>();
    public final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    /** Set when a failure stops the run (failure policy): engines not started yet are skipped. */
    public final AtomicBoolean abort = new AtomicBoolean();
    public final Map<String, Object> reports = new ConcurrentHashMap<>();
    public final Map<String, ScenarioFan> fans = new ConcurrentHashMap<>();
    private final AtomicLong peakBytes = new AtomicLong();
    /** When the run started ({@link System#nanoTime()}): the timeline's zero. */
    public final long startNanos;

    public RunState(Pipeline pipeline, RunPlan plan, PipelineListener listener, PipelineBuffers buffers, long startNanos) {
        this.pipeline = pipeline;
        this.plan = plan;
        this.listener = listener;
        this.options = pipeline.execution();
        this.buffers = buffers;
        this.startNanos = startNanos;
        plan.steps().forEach(s -> nodes.put(s.id(), new EngineNode(s)));
    }

    /** Milliseconds since the run started. */
    public double sinceStart() {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    public void notePeak() {
        peakBytes.accumulateAndGet(buffers.usedBytes(), Math::max);
    }

    public long peakBytes() {
        return peakBytes.get();
    }

    public AMCredentials credentials() {
        return pipeline.credentials().orElse(null);
    }

    /** The engine's config as the DAG gives it. */
    public EngineConfig config(EngineNode n) {
        return EngineConfig.of(n.id(), n.step.spec().config(), pipeline.baseDirectory());
    }

    /** A new instance of the engine's type, handed the credential provider when it asks for one. */
    public ICalcEngine newEngine(EngineNode n) {
        ICalcEngine e = pipeline.factory().create(n.step.spec().type());
        if (e instanceof io.livecalc.api.AMCredentialsAware aware) {
            aware.setCredentialsProvider(pipeline.credentialManager());
        }
        return e;
    }

    public LifecycleConfig lifecycleConfig() {
        LifecycleConfig.Builder b = LifecycleConfig.builder()
                .retryPolicy(options.maxAttempts() <= 1 ? RetryPolicy.none() : RetryPolicy.exponential(options.maxAttempts(), options.initialBackoff()));
        if (!options.timeout().isZero()) {
            b.timeout(options.timeout());
        }
        return b.build();
    }

    /** Input segments of an engine for policy chunk {@code c} ({@code -1}: all policies). */
    public Map<String, MemorySegment> inputs(EngineNode n, long c) {
        Map<String, MemorySegment> in = new LinkedHashMap<>();
        n.step.inputs().forEach((port, w) -> {
            MemorySegment seg;
            if (w.engine() == null) {
                seg = sources.get(w.sourceId()).segment();
                if (port.equals(n.step.policyPort()) && c >= 0) {
                    long from = c * n.chunk;
                    long count = Math.min(n.chunk, n.policies - from);
                    seg = seg.asSlice(from * w.type().recordSize(), count * w.type().recordSize());
                }
            } else {
                EngineNode producer = nodes.get(w.engine());
                if (producer.chunked() && RunPlan.perPair(w.type())) {
                    throw new ConfigurationException("engine '" + n.id() + "' reads the per-pair output '" + w.reference()
                            + "', but '" + w.engine() + "' ran in policy chunks and keeps only the last one; read its scenario totals, "
                            + "or raise execution.memory_budget_mb so that one chunk holds every policy");
                }
                seg = producer.writtenTo(w.enginePort());
            }
            in.put(port, seg);
        });
        return in;
    }

    /** The segment of a SCENARIO_TOTAL output the engine wrote, or {@code null}. */
    public MemorySegment scenarioTotals(EngineNode n) {
        for (Map.Entry<String, BufferInfo> e : n.outputs.entrySet()) {
            if (e.getValue().type().equals(BufferType.SCENARIO_TOTAL)) {
                return n.writtenTo(e.getKey());
            }
        }
        return null;
    }
}
