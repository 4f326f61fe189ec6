package io.livecalc.api;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The RESULT_DETAIL record: a RESULT with the present values of its components, 48 bytes,
 * little-endian. Fills the seed's Parquet result columns {@code premium_income, death_benefits,
 * surrender_benefits, expenses}. All amounts are present values at t = 0 under the pair's scenario;
 * {@code npv = premium_income - death_benefits - surrender_benefits - expenses} up to rounding.
 *
 * <pre>
 * offset  size  field
 *   0      4    scenario_id         u32
 *   4      4    policy_id           u32
 *   8      8    npv                 f64
 *  16      8    premium_income      f64
 *  24      8    death_benefits      f64
 *  32      8    surrender_benefits  f64
 *  40      8    expenses            f64
 * </pre>
 */
public final class ResultDetailRecord {

    public static final String SCENARIO_ID = "scenario_id", POLICY_ID = "policy_id", NPV = "npv",
            PREMIUM_INCOME = "premium_income", DEATH_BENEFITS = "death_benefits",
            SURRENDER_BENEFITS = "surrender_benefits", EXPENSES = "expenses";

    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).withName(SCENARIO_ID),
            ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).withName(POLICY_ID),
            ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN).withName(NPV),
            ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN).withName(PREMIUM_INCOME),
            ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN).withName(DEATH_BENEFITS),
            ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN).withName(SURRENDER_BENEFITS),
            ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN).withName(EXPENSES)
    ).withName("ResultDetailRecord");

    public static final long SIZE = LAYOUT.byteSize();
    public static final long OFFSET_SCENARIO_ID = LAYOUT.byteOffset(groupElement(SCENARIO_ID));
    public static final long OFFSET_POLICY_ID = LAYOUT.byteOffset(groupElement(POLICY_ID));
    public static final long OFFSET_NPV = LAYOUT.byteOffset(groupElement(NPV));
    public static final long OFFSET_PREMIUM_INCOME = LAYOUT.byteOffset(groupElement(PREMIUM_INCOME));
    public static final long OFFSET_DEATH_BENEFITS = LAYOUT.byteOffset(groupElement(DEATH_BENEFITS));
    public static final long OFFSET_SURRENDER_BENEFITS = LAYOUT.byteOffset(groupElement(SURRENDER_BENEFITS));
    public static final long OFFSET_EXPENSES = LAYOUT.byteOffset(groupElement(EXPENSES));

    private ResultDetailRecord() {
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

    public static void npv(MemorySegment s, long i, double v) {
        s.set(Layouts.F64, i * SIZE + OFFSET_NPV, v);
    }

    public static double premiumIncome(MemorySegment s, long i) {
        return s.get(Layouts.F64, i * SIZE + OFFSET_PREMIUM_INCOME);
    }

    public static void premiumIncome(MemorySegment s, long i, double v) {
        s.set(Layouts.F64, i * SIZE + OFFSET_PREMIUM_INCOME, v);
    }

    public static double deathBenefits(MemorySegment s, long i) {
        return s.get(Layouts.F64, i * SIZE + OFFSET_DEATH_BENEFITS);
    }

    public static void deathBenefits(MemorySegment s, long i, double v) {
        s.set(Layouts.F64, i * SIZE + OFFSET_DEATH_BENEFITS, v);
    }

    public static double surrenderBenefits(MemorySegment s, long i) {
        return s.get(Layouts.F64, i * SIZE + OFFSET_SURRENDER_BENEFITS);
    }

    public static void surrenderBenefits(MemorySegment s, long i, double v) {
        s.set(Layouts.F64, i * SIZE + OFFSET_SURRENDER_BENEFITS, v);
    }

    public static double expenses(MemorySegment s, long i) {
        return s.get(Layouts.F64, i * SIZE + OFFSET_EXPENSES);
    }

    public static void expenses(MemorySegment s, long i, double v) {
        s.set(Layouts.F64, i * SIZE + OFFSET_EXPENSES, v);
    }
}
