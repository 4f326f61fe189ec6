package io.livecalc.buffers;

import io.livecalc.api.BufferType;
import io.livecalc.api.PolicyRecord;
import java.lang.foreign.MemorySegment;

/** Typed access to INPUT records ({@link PolicyRecord}). */
public final class PolicyView extends RecordView {

    private PolicyView(MemorySegment segment) {
        super(segment, BufferType.INPUT);
    }

    /** A view over any segment holding whole INPUT records. */
    public static PolicyView wrap(MemorySegment segment) {
        return new PolicyView(segment);
    }

    /** A view over an INPUT buffer. */
    public static PolicyView of(BufferInfo buffer) {
        return new PolicyView(segmentOf(buffer, BufferType.INPUT));
    }

    /** Policy id as an unsigned 64-bit value. */
    public long policyId(long i) {
        return PolicyRecord.policyId(segment(), check(i));
    }

    public PolicyView setPolicyId(long i, long unsignedId) {
        PolicyRecord.policyId(segment(), check(i), unsignedId);
        return this;
    }

    public int age(long i) {
        return PolicyRecord.age(segment(), check(i));
    }

    public PolicyView setAge(long i, int age) {
        PolicyRecord.age(segment(), check(i), (int) checkRange(i, PolicyRecord.AGE, age, U8_MAX));
        return this;
    }

    public int gender(long i) {
        return PolicyRecord.gender(segment(), check(i));
    }

    public PolicyView setGender(long i, int gender) {
        PolicyRecord.gender(segment(), check(i), (int) checkRange(i, PolicyRecord.GENDER, gender, U8_MAX));
        return this;
    }

    public int underwritingClass(long i) {
        return PolicyRecord.underwritingClass(segment(), check(i));
    }

    public PolicyView setUnderwritingClass(long i, int underwritingClass) {
        PolicyRecord.underwritingClass(segment(), check(i),
                (int) checkRange(i, PolicyRecord.UNDERWRITING_CLASS, underwritingClass, U8_MAX));
        return this;
    }

    public int productType(long i) {
        return PolicyRecord.productType(segment(), check(i));
    }

    public PolicyView setProductType(long i, int productType) {
        PolicyRecord.productType(segment(), check(i), (int) checkRange(i, PolicyRecord.PRODUCT_TYPE, productType, U8_MAX));
        return this;
    }

    /** Term in years (unsigned 32-bit). */
    public long term(long i) {
        return PolicyRecord.term(segment(), check(i));
    }

    public PolicyView setTerm(long i, long term) {
        PolicyRecord.term(segment(), check(i), checkRange(i, PolicyRecord.TERM, term, U32_MAX));
        return this;
    }

    public double sumAssured(long i) {
        return PolicyRecord.sumAssured(segment(), check(i));
    }

    public PolicyView setSumAssured(long i, double sumAssured) {
        PolicyRecord.sumAssured(segment(), check(i), sumAssured);
        return this;
    }

    public double premium(long i) {
        return PolicyRecord.premium(segment(), check(i));
    }

    public PolicyView setPremium(long i, double premium) {
        PolicyRecord.premium(segment(), check(i), premium);
        return this;
    }
}
