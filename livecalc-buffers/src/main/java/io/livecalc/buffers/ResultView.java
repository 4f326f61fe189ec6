package io.livecalc.buffers;

import io.livecalc.api.BufferType;
import io.livecalc.api.ResultRecord;
import java.lang.foreign.MemorySegment;

/** Typed access to RESULT records ({@link ResultRecord}). */
public final class ResultView extends RecordView {

    private ResultView(MemorySegment segment) {
        super(segment, BufferType.RESULT);
    }

    public static ResultView wrap(MemorySegment segment) {
        return new ResultView(segment);
    }

    public static ResultView of(BufferInfo buffer) {
        return new ResultView(segmentOf(buffer, BufferType.RESULT));
    }

    public long scenarioId(long i) {
        return ResultRecord.scenarioId(segment(), check(i));
    }

    public ResultView setScenarioId(long i, long scenarioId) {
        ResultRecord.scenarioId(segment(), check(i), checkRange(i, ResultRecord.SCENARIO_ID, scenarioId, U32_MAX));
        return this;
    }

    /** Policy id (unsigned 32-bit: the RESULT record cannot hold larger ids). */
    public long policyId(long i) {
        return ResultRecord.policyId(segment(), check(i));
    }

    public ResultView setPolicyId(long i, long policyId) {
        ResultRecord.policyId(segment(), check(i), checkRange(i, ResultRecord.POLICY_ID, policyId, ResultRecord.MAX_POLICY_ID));
        return this;
    }

    public double npv(long i) {
        return ResultRecord.npv(segment(), check(i));
    }

    public ResultView setNpv(long i, double npv) {
        ResultRecord.npv(segment(), check(i), npv);
        return this;
    }

    /** Sets the three fields of record {@code i} (the reserved field stays zero). */
    public ResultView set(long i, long scenarioId, long policyId, double npv) {
        return setScenarioId(i, scenarioId).setPolicyId(i, policyId).setNpv(i, npv);
    }
}
