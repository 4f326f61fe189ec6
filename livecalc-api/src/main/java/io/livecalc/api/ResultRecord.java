package io.livecalc.api;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The RESULT record: the NPV of one policy under one scenario, 24 bytes, little-endian.
 *
 * <pre>
 * offset  size  field
 *   0      4    scenario_id  u32
 *   4      4    policy_id    u32  policy ids above 2^32-1 cannot be stored (rejected, never truncated)
 *   8      8    npv          f64
 *  16      8    reserved     u64  zero; reserved for future metrics
 * </pre>
 */
public final class ResultRecord {

    public static final String SCENARIO_ID = "scenario_id", POLICY_ID = "policy_id", NPV = "npv",
            RESERVED = "reserved";

    /** The largest policy id a RESULT record can hold. */
    public static final long MAX_POLICY_ID = 0xFFFF_FFFFL;

    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).withName(SCENARIO_ID),
            ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).withName(POLICY_ID),
            ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN).withName(NPV),
            ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN).withName(RESERVED)
    ).withName("ResultBufferRecord");

    public static final long SIZE = LAYOUT.byteSize();
    public static final long OFFSET_SCENARIO_ID = LAYOUT.byteOffset(groupElement(SCENARIO_ID));
    public static final long OFFSET_POLICY_ID = LAYOUT.byteOffset(groupElement(POLICY_ID));
    public static final long OFFSET_NPV = LAYOUT.byteOffset(groupElement(NPV));
    public static final long OFFSET_RESERVED = LAYOUT.byteOffset(groupElement(RESERVED));

    private ResultRecord() {
    }

    public static long scenarioId(MemorySegment s, long i) {
        return Integer.toUnsignedLong(s.get(Layouts.U32, i * SIZE + OFFSET_SCENARIO_ID));
    }

    public static void scenarioId(MemorySegment s, long i, long scenarioId) {
        s.set(Layouts.U32, i * SIZE + OFFSET_SCENARIO_ID, (int) scenarioId);
    }

    public static long policyId(MemorySegment s, long i) {
        return Integer.toUnsignedLong(s.get(Layouts.U32, i * SIZE + OFFSET_POLICY_ID));
    }

    public static void policyId(MemorySegment s, long i, long policyId) {
        s.set(Layouts.U32, i * SIZE + OFFSET_POLICY_ID, (int) policyId);
    }

    public static double npv(MemorySegment s, long i) {
        return s.get(Layouts.F64, i * SIZE + OFFSET_NPV);
    }

    public static void npv(MemorySegment s, long i, double npv) {
        s.set(Layouts.F64, i * SIZE + OFFSET_NPV, npv);
    }

    /** The reserved field, zero in every record written today. */
    public static long reserved(MemorySegment s, long i) {
        return s.get(Layouts.U64, i * SIZE + OFFSET_RESERVED);
    }

    /** Sets the reserved field (writers set it to 0). */
    public static void reserved(MemorySegment s, long i, long reserved) {
        s.set(Layouts.U64, i * SIZE + OFFSET_RESERVED, reserved);
    }
}
