package io.livecalc.api;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The SCENARIO_TOTAL record: the portfolio NPV under one scenario (the sum over policies), 16 bytes,
 * little-endian. This is the NPV distribution the valuation statistics and the solver read; it is
 * produced without materialising every (scenario, policy) result.
 *
 * <pre>
 * offset  size  field
 *   0      4    scenario_id  u32
 *   4      4    reserved     u32  zero
 *   8      8    npv          f64
 * </pre>
 */
public final class ScenarioTotalRecord {

    public static final String SCENARIO_ID = "scenario_id", RESERVED = "reserved", NPV = "npv";

    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).withName(SCENARIO_ID),
            ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).withName(RESERVED),
            ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN).withName(NPV)
    ).withName("ScenarioTotalRecord");

    public static final long SIZE = LAYOUT.byteSize();
    public static final long OFFSET_SCENARIO_ID = LAYOUT.byteOffset(groupElement(SCENARIO_ID));
    public static final long OFFSET_RESERVED = LAYOUT.byteOffset(groupElement(RESERVED));
    public static final long OFFSET_NPV = LAYOUT.byteOffset(groupElement(NPV));

    private ScenarioTotalRecord() {
    }

    public static long scenarioId(MemorySegment s, long i) {
        return Integer.toUnsignedLong(s.get(Layouts.U32, i * SIZE + OFFSET_SCENARIO_ID));
    }

    public static void scenarioId(MemorySegment s, long i, long scenarioId) {
        s.set(Layouts.U32, i * SIZE + OFFSET_SCENARIO_ID, (int) scenarioId);
    }

    public static double npv(MemorySegment s, long i) {
        return s.get(Layouts.F64, i * SIZE + OFFSET_NPV);
    }

    public static void npv(MemorySegment s, long i, double npv) {
        s.set(Layouts.F64, i * SIZE + OFFSET_NPV, npv);
    }

    /** The reserved field, zero in every record written today. */
    public static long reserved(MemorySegment s, long i) {
        return Integer.toUnsignedLong(s.get(Layouts.U32, i * SIZE + OFFSET_RESERVED));
    }

    /** Sets the reserved field (writers set it to 0). */
    public static void reserved(MemorySegment s, long i, long reserved) {
        s.set(Layouts.U32, i * SIZE + OFFSET_RESERVED, (int) reserved);
    }
}
