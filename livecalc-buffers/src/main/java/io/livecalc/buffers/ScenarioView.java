package io.livecalc.buffers;

import io.livecalc.api.BufferType;
import io.livecalc.api.ScenarioRecord;
import java.lang.foreign.MemorySegment;

/** Typed access to SCENARIO records ({@link ScenarioRecord}). */
public final class ScenarioView extends RecordView {

    private ScenarioView(MemorySegment segment) {
        super(segment, BufferType.SCENARIO);
    }

    public static ScenarioView wrap(MemorySegment segment) {
        return new ScenarioView(segment);
    }

    public static ScenarioView of(BufferInfo buffer) {
        return new ScenarioView(segmentOf(buffer, BufferType.SCENARIO));
    }

    public long scenarioId(long i) {
        return ScenarioRecord.scenarioId(segment(), check(i));
    }

    public ScenarioView setScenarioId(long i, long scenarioId) {
        ScenarioRecord.scenarioId(segment(), check(i), checkRange(i, ScenarioRecord.SCENARIO_ID, scenarioId, U32_MAX));
        return this;
    }

    /** Projection year, 1-based. */
    public long year(long i) {
        return ScenarioRecord.year(segment(), check(i));
    }

    public ScenarioView setYear(long i, long year) {
        ScenarioRecord.year(segment(), check(i), checkRange(i, ScenarioRecord.YEAR, year, U32_MAX));
        return this;
    }

    public double rate(long i) {
        return ScenarioRecord.rate(segment(), check(i));
    }

    public ScenarioView setRate(long i, double rate) {
        ScenarioRecord.rate(segment(), check(i), rate);
        return this;
    }

    /** Sets all three fields of record {@code i}. */
    public ScenarioView set(long i, long scenarioId, long year, double rate) {
        return setScenarioId(i, scenarioId).setYear(i, year).setRate(i, rate);
    }
}
