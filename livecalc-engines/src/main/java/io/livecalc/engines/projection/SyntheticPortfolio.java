package io.livecalc.engines.projection;

import io.livecalc.api.PolicyRecord;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

/**
 * A reproducible synthetic portfolio for benchmarks and {@code livecalc generate policies}: ids 1..n,
 * entry ages 20..75, gender 0/1, terms 10..40 in steps of 5 or 99 (whole life, about 30%), sums assured
 * 100k..1M, premium = sum assured x an age-driven rate (about 0.1%..2%), product and class codes
 * consistent with the term. The same (count, seed) always gives the same bytes, on any JVM (StrictMath).
 */
public final class SyntheticPortfolio {

    private SyntheticPortfolio() {
    }

    /** Writes {@code count} policies as INPUT records at the start of {@code target}. */
    public static void write(MemorySegment target, long count, long seed) {
        if (target.byteSize() < count * PolicyRecord.SIZE) {
            throw new IllegalArgumentException("policy buffer too small: needs " + count * PolicyRecord.SIZE + " bytes, given "
                    + target.byteSize());
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (long i = 0; i < count; i++) {
            int age = 20 + rnd.nextInt(56);
            boolean wholeLife = rnd.nextInt(10) < 3;
            int term = wholeLife ? 99 : 10 + 5 * rnd.nextInt(7);
            double sumAssured = 100_000 + rnd.nextDouble() * 900_000;
            double rate = 0.001 + 0.019 * StrictMath.pow((age - 20) / 55.0, 2) + (wholeLife ? 0.003 : 0.0);
            PolicyRecord.policyId(target, i, i + 1);
            PolicyRecord.age(target, i, age);
            PolicyRecord.gender(target, i, rnd.nextInt(2));
            PolicyRecord.underwritingClass(target, i, rnd.nextInt(5));
            PolicyRecord.productType(target, i, wholeLife ? 1 : rnd.nextInt(4) == 0 ? 2 : 0);
            PolicyRecord.term(target, i, term);
            PolicyRecord.sumAssured(target, i, sumAssured);
            PolicyRecord.premium(target, i, sumAssured * rate);
        }
    }
}
