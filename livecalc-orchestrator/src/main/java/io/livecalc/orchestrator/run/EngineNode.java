package io.livecalc.orchestrator.run;

import io.livecalc.orchestrator.EngineLifecycleManager;
import io.livecalc.api.BufferType;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.ICalcEngine;
import io.livecalc.buffers.BufferInfo;
import io.livecalc.orchestrator.EngineRun;
import io.livecalc.orchestrator.spi.PolicyStage;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/** The state of one engine during a run: its plan step, instance, buffers, what it wrote and how it ended. */
public final class EngineNode {

    public final RunPlan.Step step;
    public final AtomicReference<ICalcEngine> instance = new AtomicReference<>();
    /** Output buffers by port, allocated on the first chunk and reused. */
    public final Map<String, BufferInfo> outputs = new LinkedHashMap<>();
    /** Records written to each output port by the last chunk. */
    public final Map<String, Long> written = new ConcurrentHashMap<>();
    public EngineLifecycleManager manager;
    public EngineConfig config;
    public volatile EngineRun run;
    /** The stage handed to the stage executor, when this engine runs there. */
    public PolicyStage stage;
    /** Policies the policies data source holds, and per chunk ({@link ChunkSizing}); 0 when not fed policies. */
    public long policies;
    public long chunk;

    EngineNode(RunPlan.Step step) {
        this.step = step;
    }

    public String id() {
        return step.id();
    }

    /** Policy chunks this engine runs (1 when it is not fed policies). */
    public long chunks() {
        return step.policyPort() == null ? 1 : Math.max(1, (policies + chunk - 1) / chunk);
    }

    /** Runs over more than one policy chunk, so a per-pair output buffer holds only the last one. */
    public boolean chunked() {
        return step.policyPort() != null && chunk < policies;
    }

    /** What the engine wrote to {@code port}, sized to the records written. */
    public MemorySegment writtenTo(String port) {
        BufferType type = step.outputs().get(port);
        return outputs.get(port).segment().asSlice(0, written.get(port) * type.recordSize());
    }
}
