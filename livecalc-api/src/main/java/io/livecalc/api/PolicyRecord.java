package io.livecalc.api;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The INPUT record: one policy, 32 bytes, little-endian.
 *
 * <pre>
 * offset  size  field
 *   0      8    policy_id           u64
 *   8      1    age                 u8   entry age 0..120
 *   9      1    gender              u8   0 male, 1 female, 2 other
 *  10      1    underwriting_class  u8   0 standard, 1 smoker, 2 non-smoker, 3 preferred, 4 substandard
 *  11      1    product_type        u8   0 term, 1 whole life, 2 endowment
 *  12      4    term                u32  years (the original called these bytes padding)
 *  16      8    sum_assured         f64
 *  24      8    premium             f64  annual, level
 * </pre>
 *
 * <p>The static accessors take a segment and a record index and do no checks beyond the segment's own
 * bounds; {@code io.livecalc.buffers.PolicyView} adds record-count and value-range checks.
 */
public final class PolicyRecord {

    /** Field names, as in the Parquet policy schema. */
    public static final String POLICY_ID = "policy_id", AGE = "age", GENDER = "gender",
            UNDERWRITING_CLASS = "underwriting_class", PRODUCT_TYPE = "product_type", TERM = "term",
            SUM_ASSURED = "sum_assured", PREMIUM = "premium";

    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN).withName(POLICY_ID),
            ValueLayout.JAVA_BYTE.withName(AGE),
            ValueLayout.JAVA_BYTE.withName(GENDER),
            ValueLayout.JAVA_BYTE.withName(UNDERWRITING_CLASS),
            ValueLayout.JAVA_BYTE.withName(PRODUCT_TYPE),
            ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).withName(TERM),
            ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN).withName(SUM_ASSURED),
            ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN).withName(PREMIUM)
    ).withName("InputBufferRecord");

    /** Record stride in bytes. */
    public static final long SIZE = LAYOUT.byteSize();

    /** The highest entry age of the projection model (ages 0..120); also the mortality table's last age. */
    public static final int MAX_AGE = 120;

    public static final long OFFSET_POLICY_ID = LAYOUT.byteOffset(groupElement(POLICY_ID));
    public static final long OFFSET_AGE = LAYOUT.byteOffset(groupElement(AGE));
    public static final long OFFSET_GENDER = LAYOUT.byteOffset(groupElement(GENDER));
    public static final long OFFSET_UNDERWRITING_CLASS = LAYOUT.byteOffset(groupElement(UNDERWRITING_CLASS));
    public static final long OFFSET_PRODUCT_TYPE = LAYOUT.byteOffset(groupElement(PRODUCT_TYPE));
    public static final long OFFSET_TERM = LAYOUT.byteOffset(groupElement(TERM));
    public static final long OFFSET_SUM_ASSURED = LAYOUT.byteOffset(groupElement(SUM_ASSURED));
    public static final long OFFSET_PREMIUM = LAYOUT.byteOffset(groupElement(PREMIUM));

    private PolicyRecord() {
    }

    /** Policy id as an unsigned 64-bit value (print with {@link Long#toUnsignedString(long)}). */
    public static long policyId(MemorySegment s, long i) {
        return s.get(Layouts.U64, i * SIZE + OFFSET_POLICY_ID);
    }

    public static void policyId(MemorySegment s, long i, long unsignedId) {
        s.set(Layouts.U64, i * SIZE + OFFSET_POLICY_ID, unsignedId);
    }

    public static int age(MemorySegment s, long i) {
        return Byte.toUnsignedInt(s.get(Layouts.U8, i * SIZE + OFFSET_AGE));
    }

    public static void age(MemorySegment s, long i, int age) {
        s.set(Layouts.U8, i * SIZE + OFFSET_AGE, (byte) age);
    }

    public static int gender(MemorySegment s, long i) {
        return Byte.toUnsignedInt(s.get(Layouts.U8, i * SIZE + OFFSET_GENDER));
    }

    public static void gender(MemorySegment s, long i, int gender) {
        s.set(Layouts.U8, i * SIZE + OFFSET_GENDER, (byte) gender);
    }

    public static int underwritingClass(MemorySegment s, long i) {
        return Byte.toUnsignedInt(s.get(Layouts.U8, i * SIZE + OFFSET_UNDERWRITING_CLASS));
    }

    public static void underwritingClass(MemorySegment s, long i, int underwritingClass) {
        s.set(Layouts.U8, i * SIZE + OFFSET_UNDERWRITING_CLASS, (byte) underwritingClass);
    }

    public static int productType(MemorySegment s, long i) {
        return Byte.toUnsignedInt(s.get(Layouts.U8, i * SIZE + OFFSET_PRODUCT_TYPE));
    }

    public static void productType(MemorySegment s, long i, int productType) {
        s.set(Layouts.U8, i * SIZE + OFFSET_PRODUCT_TYPE, (byte) productType);
    }

    /** Term in years, as the unsigned 32-bit value stored. */
    public static long term(MemorySegment s, long i) {
        return Integer.toUnsignedLong(s.get(Layouts.U32, i * SIZE + OFFSET_TERM));
    }

    public static void term(MemorySegment s, long i, long term) {
        s.set(Layouts.U32, i * SIZE + OFFSET_TERM, (int) term);
    }

    public static double sumAssured(MemorySegment s, long i) {
        return s.get(Layouts.F64, i * SIZE + OFFSET_SUM_ASSURED);
    }

    public static void sumAssured(MemorySegment s, long i, double sumAssured) {
        s.set(Layouts.F64, i * SIZE + OFFSET_SUM_ASSURED, sumAssured);
    }

    public static double premium(MemorySegment s, long i) {
        return s.get(Layouts.F64, i * SIZE + OFFSET_PREMIUM);
    }

    public static void premium(MemorySegment s, long i, double premium) {
        s.set(Layouts.F64, i * SIZE + OFFSET_PREMIUM, premium);
    }
}
