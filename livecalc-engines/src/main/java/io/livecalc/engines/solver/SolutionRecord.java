package io.livecalc.engines.solver;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import io.livecalc.api.BufferType;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The SOLUTION record the solver writes to its {@code parameters} port: one record of 56 bytes,
 * little-endian. A parameter the solver did not tune is {@code NaN} (it keeps the projection's value).
 *
 * <pre>
 * offset  size  field
 *   0      8    premium_rate          f64
 *   8      8    mortality_multiplier  f64
 *  16      8    lapse_multiplier      f64
 *  24      8    expense_multiplier    f64
 *  32      8    objective             f64  the objective metric at the solution
 *  40      4    iterations            u32
 *  44      4    evaluations           u32
 *  48      4    flags                 u32  bit 0 converged, bit 1 partial_result
 *  52      4    reserved              u32  0
 * </pre>
 * Declared here rather than in livecalc-api until the API adopts it.
 */
public final class SolutionRecord {

    public static final String OBJECTIVE = "objective", ITERATIONS = "iterations", EVALUATIONS = "evaluations", FLAGS = "flags";
    public static final int CONVERGED = 1, PARTIAL_RESULT = 2;

    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN).withName(SolverSettings.PARAMETERS.get(0)),
            ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN).withName(SolverSettings.PARAMETERS.get(1)),
            ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN).withName(SolverSettings.PARAMETERS.get(2)),
            ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN).withName(SolverSettings.PARAMETERS.get(3)),
            ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN).withName(OBJECTIVE),
            ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).withName(ITERATIONS),
            ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).withName(EVALUATIONS),
            ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).withName(FLAGS),
            ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).withName("reserved")
    ).withName("SolutionRecord");

    public static final long SIZE = LAYOUT.byteSize();

    /** The SOLUTION buffer type: one record per solve. */
    public static final BufferType SOLUTION = new BufferType("SOLUTION", LAYOUT, 1);

    private SolutionRecord() {
    }

    /** Writes {@code r} as the record at the start of {@code s}. */
    public static void write(MemorySegment s, SolverResult r) {
        for (int i = 0; i < SolverSettings.PARAMETERS.size(); i++) {
            Double v = r.parameters().get(SolverSettings.PARAMETERS.get(i));
            s.set(F64, 8L * i, v == null ? Double.NaN : v);
        }
        s.set(F64, LAYOUT.byteOffset(groupElement(OBJECTIVE)), r.objective());
        s.set(U32, LAYOUT.byteOffset(groupElement(ITERATIONS)), r.iterations());
        s.set(U32, LAYOUT.byteOffset(groupElement(EVALUATIONS)), r.evaluations());
        s.set(U32, LAYOUT.byteOffset(groupElement(FLAGS)), (r.converged() ? CONVERGED : 0) | (r.partialResult() ? PARTIAL_RESULT : 0));
        s.set(U32, LAYOUT.byteOffset(groupElement("reserved")), 0);
    }

    /** A parameter's value in the record ({@code NaN}: not tuned). */
    public static double parameter(MemorySegment s, String name) {
        int i = SolverSettings.PARAMETERS.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown parameter '" + name + "'; known: " + SolverSettings.PARAMETERS);
        }
        return s.get(F64, 8L * i);
    }

    public static double objective(MemorySegment s) {
        return s.get(F64, LAYOUT.byteOffset(groupElement(OBJECTIVE)));
    }

    public static int flags(MemorySegment s) {
        return s.get(U32, LAYOUT.byteOffset(groupElement(FLAGS)));
    }
}
