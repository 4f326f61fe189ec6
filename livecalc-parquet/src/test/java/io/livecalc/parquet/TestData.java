package io.livecalc.parquet;

import io.livecalc.api.PolicyRecord;
import io.livecalc.api.ResultDetailRecord;
import io.livecalc.api.ResultRecord;
import io.livecalc.api.ScenarioRecord;
import io.livecalc.api.testing.TestDataDir;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Reference files and deterministic synthetic buffers for the tests. */
final class TestData {

    private TestData() {
    }

    static Path upstream(String name) {
        return TestDataDir.resolve("upstream-data", name);
    }

    /** {@code n} policies with every field exercised (ids beyond 2^32, all codes, fractional amounts). */
    static MemorySegment policies(Arena arena, int n, long seed) {
        MemorySegment s = arena.allocate(n * PolicyRecord.SIZE, 16);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            PolicyRecord.policyId(s, i, i == 0 ? -1L : 5_000_000_000L + i);
            PolicyRecord.age(s, i, r.nextInt(121));
            PolicyRecord.gender(s, i, r.nextInt(2));
            PolicyRecord.underwritingClass(s, i, r.nextInt(5));
            PolicyRecord.productType(s, i, r.nextInt(3));
            PolicyRecord.term(s, i, i == 1 ? 0xFFFF_FFFFL : 1 + r.nextInt(99));
            PolicyRecord.sumAssured(s, i, 10_000 + r.nextDouble() * 990_000);
            PolicyRecord.premium(s, i, r.nextDouble() * 5_000);
        }
        return s;
    }

    /** {@code scenarios} x 50 years of rates. */
    static MemorySegment scenarios(Arena arena, int scenarios, long seed) {
        int n = scenarios * 50;
        MemorySegment s = arena.allocate(n * ScenarioRecord.SIZE, 16);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            ScenarioRecord.scenarioId(s, i, i / 50);
            ScenarioRecord.year(s, i, 1 + i % 50);
            ScenarioRecord.rate(s, i, r.nextDouble() * 0.1);
        }
        return s;
    }

    /** Result records: scenario i / policies, policy i % policies + 1, npv = a deterministic value. */
    static MemorySegment results(Arena arena, int n, int policies) {
        MemorySegment s = arena.allocate(n * ResultRecord.SIZE, 16);
        for (int i = 0; i < n; i++) {
            ResultRecord.scenarioId(s, i, i / policies);
            ResultRecord.policyId(s, i, i % policies + 1);
            ResultRecord.npv(s, i, npv(i));
        }
        return s;
    }

    static MemorySegment resultDetails(Arena arena, int n, int policies) {
        MemorySegment s = arena.allocate(n * ResultDetailRecord.SIZE, 16);
        for (int i = 0; i < n; i++) {
            ResultDetailRecord.scenarioId(s, i, i / policies);
            ResultDetailRecord.policyId(s, i, i % policies + 1);
            ResultDetailRecord.premiumIncome(s, i, 1000.0 + i);
            ResultDetailRecord.deathBenefits(s, i, 400.25 + i);
            ResultDetailRecord.surrenderBenefits(s, i, 0.0);
            ResultDetailRecord.expenses(s, i, 100.5);
            ResultDetailRecord.npv(s, i, (1000.0 + i) - (400.25 + i) - 0.0 - 100.5);
        }
        return s;
    }

    static double npv(long i) {
        return (i % 1000) * 1.25 - 300.0;
    }
}
