package io.livecalc.orchestrator.run;

import io.livecalc.api.BufferType;
import io.livecalc.api.ConfigurationException;
import io.livecalc.api.ICalcEngine;
import io.livecalc.api.OutputSize;
import io.livecalc.api.PortSpec;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How many records an output port receives, and how many policies one chunk holds: everything when it fits, else
 * what the per-pair record limit, the memory budget and {@link #PER_PAIR_CHUNK_BYTES} allow, aligned.
 */
public final class ChunkSizing {

    /** Chunk sizes are multiples of this many policies (the projection's summation block). */
    public static final int CHUNK_ALIGNMENT = 1024;
    /**
     * Per-pair output one chunk may hold at most. Larger chunks only cost: the buffer is zero-filled before the engine
     * starts (a 100k x 1000 run's 2.4 GB took seconds), while the writer streams chunk after chunk at the same speed.
     */
    public static final long PER_PAIR_CHUNK_BYTES = 384L << 20;

    private ChunkSizing() {
    }

    /** Policies per chunk for an engine fed {@code n.policies} policies, given all its inputs. */
    public static long chunkSize(RunState state, EngineNode n, Map<String, MemorySegment> allInputs) {
        if (state.options.chunkPolicies() > 0) {
            return Math.min(state.options.chunkPolicies(), n.policies);
        }
        String policyPort = n.step.policyPort();
        Map<String, MemorySegment> one = new HashMap<>(allInputs);
        one.put(policyPort, allInputs.get(policyPort).asSlice(0, Math.min(1, n.policies) * BufferType.INPUT.recordSize()));
        long chunk = Math.min(n.policies, BufferType.INPUT.maxRecords());
        long bytesPerPolicy = 0;
        for (Map.Entry<String, BufferType> e : n.step.outputs().entrySet()) {
            BufferType type = e.getValue();
            if (RunPlan.perPair(type)) {
                long perPolicy = recordsFor(state, n, e.getKey(), one);
                if (perPolicy > 0) {
                    chunk = Math.min(chunk, type.maxRecords() / perPolicy);
                    bytesPerPolicy += perPolicy * type.recordSize();
                }
            }
        }
        if (bytesPerPolicy > 0) {
            long free = state.options.memoryBudgetBytes() - state.buffers.usedBytes();
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
                    + state.options.memoryBudgetBytes() + " bytes (" + bytesPerPolicy + " bytes of per-pair output per policy); raise "
                    + "execution.memory_budget_mb or drop per-pair outputs");
        }
        return aligned;
    }

    /** Records {@code port} receives for these inputs; before the engine exists, asks a throw-away instance. */
    private static long recordsFor(RunState state, EngineNode n, String port, Map<String, MemorySegment> in) {
        ICalcEngine engine = n.instance.get();
        if (engine != null) {
            return required(n, engine.outputRecords(port, in), port, in);
        }
        engine = state.pipeline.factory().create(n.step.spec().type()); // sizing probe before the real engine exists
        try {
            engine.initialize(state.config(n), state.credentials());
            return required(n, engine.outputRecords(port, in), port, in);
        } finally {
            engine.dispose();
        }
    }

    /** The engine's count, else what the port declares ({@link OutputSize}); refused, naming the remedies, without either. */
    public static long required(EngineNode n, OptionalLong records, String port, Map<String, MemorySegment> in) {
        OutputSize declared = n.step.info().outputPort(port).map(PortSpec::size).orElse(null);
        OptionalLong count = records.isPresent() || declared == null ? records : declared.records(n.step.info(), in);
        if (count.isEmpty()) {
            throw new ConfigurationException(sizingProblem(n.id(), n.step.spec().type(), port));
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
}
