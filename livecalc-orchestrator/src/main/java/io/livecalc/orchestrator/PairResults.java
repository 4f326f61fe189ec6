package io.livecalc.orchestrator;

import io.livecalc.api.ResultRecord;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * One engine's per-pair results (scenario, policy, NPV), read in place from the buffer the engine wrote: a view,
 * not a copy. Valid until its {@link PipelineResult} is closed; after that every read throws
 * {@link IllegalStateException} (the pipeline's next run reuses the memory). Records are in the order the engine
 * wrote them; for the projection, policy by policy, each policy's scenarios in order.
 */
public final class PairResults {

    private final PipelineResult owner;
    private final MemorySegment records;
    private final long count;

    PairResults(PipelineResult owner, MemorySegment records) {
        this.owner = owner; // keeps the result, and so its buffers, reachable while the view is
        this.records = records.asReadOnly();
        this.count = records.byteSize() / ResultRecord.SIZE;
    }

    /** Number of (scenario, policy) pairs. */
    public long count() {
        return count;
    }

    public long scenarioId(long i) {
        return ResultRecord.scenarioId(open(), Objects.checkIndex(i, count));
    }

    public long policyId(long i) {
        return ResultRecord.policyId(open(), Objects.checkIndex(i, count));
    }

    public double npv(long i) {
        return ResultRecord.npv(open(), Objects.checkIndex(i, count));
    }

    /**
     * The records themselves, {@link io.livecalc.api.BufferType#RESULT} layout, read-only: for bulk access with
     * {@link ResultRecord}'s accessors or the Vector API. Valid until the result is closed; a read after that
     * may see the next run's values, so prefer the accessors above unless the result's lifetime is clear.
     */
    public MemorySegment segment() {
        return open();
    }

    private MemorySegment open() {
        owner.requireOpen();
        return records;
    }

    @Override
    public String toString() {
        return "PairResults[" + count + " pairs]";
    }
}
