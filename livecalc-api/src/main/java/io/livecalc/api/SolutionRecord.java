package io.livecalc.api;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;


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
 */
public final class SolutionRecord {

    public static final String OBJECTIVE = "objective", ITERATIONS = "iterations", EVALUATIONS = "evaluations", FLAGS = "flags";
    public static final int CONVERGED = 1, PARTIAL_RESULT = 2;

    /** The parameters a solver tunes, in record order (the projection's config keys of the same names). */
    public static final java.util.List<String> PARAMETERS = java.util.List.of("premium_rate", "mortality_multiplier",
            "lapse_multiplier", "expense_multiplier");

    private static final ValueLayout.OfDouble F64 = Layouts.F64;
    private static final ValueLayout.OfInt U32 = Layouts.U32;

    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN).withName(PARAMETERS.get(0)),
            ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN).withName(PARAMETERS.get(1)),
            ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN).withName(PARAMETERS.get(2)),
            ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN).withName(PARAMETERS.get(3)),
            ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN).withName(OBJECTIVE),
            ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).withName(ITERATIONS),
            ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).withName(EVALUATIONS),
            ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).withName(FLAGS),
            ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).withName("reserved")
    ).withName("SolutionRecord");

    public static final long SIZE = LAYOUT.byteSize();

    private SolutionRecord() {
    }

    /**
     * Writes the record at the start of {@code s}.
     *
     * @param parameters tuned parameter values by name; parameters absent are written as {@code NaN}
     */
    public static void write(MemorySegment s, java.util.Map<String, Double> parameters, double objective, int iterations,
                             int evaluations, boolean converged, boolean partialResult) {
        for (int i = 0; i < PARAMETERS.size(); i++) {
            Double v = parameters.get(PARAMETERS.get(i));
            s.set(F64, 8L * i, v == null ? Double.NaN : v);
        }
        s.set(F64, LAYOUT.byteOffset(groupElement(OBJECTIVE)), objective);
        s.set(U32, LAYOUT.byteOffset(groupElement(ITERATIONS)), iterations);
        s.set(U32, LAYOUT.byteOffset(groupElement(EVALUATIONS)), evaluations);
        s.set(U32, LAYOUT.byteOffset(groupElement(FLAGS)), (converged ? CONVERGED : 0) | (partialResult ? PARTIAL_RESULT : 0));
        s.set(U32, LAYOUT.byteOffset(groupElement("reserved")), 0);
    }

    public static int iterations(MemorySegment s) {
        return s.get(U32, LAYOUT.byteOffset(groupElement(ITERATIONS)));
    }

    public static int evaluations(MemorySegment s) {
        return s.get(U32, LAYOUT.byteOffset(groupElement(EVALUATIONS)));
    }

    /** A parameter's value in the record ({@code NaN}: not tuned). */
    public static double parameter(MemorySegment s, String name) {
        int i = PARAMETERS.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown parameter '" + name + "'; known: " + PARAMETERS);
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
