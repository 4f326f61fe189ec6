package io.livecalc.api;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The SCENARIO record: one year of one economic scenario, 16 bytes, little-endian.
 *
 * <pre>
 * offset  size  field
 *   0      4    scenario_id  u32  outer_id * 1000 + inner_id for nested runs
 *   4      4    year         u32  projection year, 1-based
 *   8      8    rate         f64  annual interest rate, e.g. 0.03
 * </pre>
 */
public final class ScenarioRecord {

    public static final String SCENARIO_ID = "scenario_id", YEAR = "year", RATE = "rate";

    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).withName(SCENARIO_ID),
            ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).withName(YEAR),
            ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN).withName(RATE)
    ).withName("ScenarioBufferRecord");

    public static final long SIZE = LAYOUT.byteSize();
    public static final long OFFSET_SCENARIO_ID = LAYOUT.byteOffset(groupElement(SCENARIO_ID));
    public static final long OFFSET_YEAR = LAYOUT.byteOffset(groupElement(YEAR));
    public static final long OFFSET_RATE = LAYOUT.byteOffset(groupElement(RATE));

    private ScenarioRecord() {
    }

    /** Scenario id as the unsigned 32-bit value stored. */
    public static long scenarioId(MemorySegment s, long i) {
        return Integer.toUnsignedLong(s.get(Layouts.U32, i * SIZE + OFFSET_SCENARIO_ID));
    }

    public static void scenarioId(MemorySegment s, long i, long scenarioId) {
        s.set(Layouts.U32, i * SIZE + OFFSET_SCENARIO_ID, (int) scenarioId);
    }

    /** Projection year (1-based) as the unsigned 32-bit value stored. */
    public static long year(MemorySegment s, long i) {
        return Integer.toUnsignedLong(s.get(Layouts.U32, i * SIZE + OFFSET_YEAR));
    }

    public static void year(MemorySegment s, long i, long year) {
        s.set(Layouts.U32, i * SIZE + OFFSET_YEAR, (int) year);
    }

    public static double rate(MemorySegment s, long i) {
        return s.get(Layouts.F64, i * SIZE + OFFSET_RATE);
    }

    public static void rate(MemorySegment s, long i, double rate) {
        s.set(Layouts.F64, i * SIZE + OFFSET_RATE, rate);
    }
}
