package io.livecalc.bench.parquet;

import io.livecalc.api.PolicyRecord;
import io.livecalc.api.ResultRecord;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The data of the Parquet benchmarks: 1M policies shaped like policies_10000.csv (ages 18..70, both
 * genders, three products, five classes, sums assured to the cent, terms 5..40 or 99) and 1M results
 * (1,000 scenarios x 1,000 policies, NPVs of a few thousand). Deterministic, so file sizes and checksums
 * are the same on every run. Files go to {@code livecalc.bench.dir} (default
 * {@code java.io.tmpdir/livecalc-parquet-bench}) and are kept, so DuckDB can be timed on the same files.
 */
public final class ParquetWorkload {

    public static final int ROWS = 1_000_000;
    public static final int POLICIES_PER_SCENARIO = 1_000;

    private ParquetWorkload() {
    }

    public static Path dir() {
        return Path.of(System.getProperty("livecalc.bench.dir", System.getProperty("java.io.tmpdir") + "/livecalc-parquet-bench"));
    }

    public static MemorySegment policies(Arena arena, int n) {
        MemorySegment s = arena.allocate(n * PolicyRecord.SIZE, 16);
        SplittableRandom r = new SplittableRandom(20261126);
        for (int i = 0; i < n; i++) {
            PolicyRecord.policyId(s, i, i + 1L);
            PolicyRecord.age(s, i, 18 + r.nextInt(53));
            PolicyRecord.gender(s, i, r.nextInt(2));
            PolicyRecord.underwritingClass(s, i, r.nextInt(5));
            PolicyRecord.productType(s, i, r.nextInt(3));
            PolicyRecord.term(s, i, r.nextInt(4) == 0 ? 99 : 5 + r.nextInt(36));
            PolicyRecord.sumAssured(s, i, Math.round((50_000 + r.nextDouble() * 950_000) * 100) / 100.0);
            PolicyRecord.premium(s, i, r.nextDouble() * 5_000);
        }
        return s;
    }

    public static MemorySegment results(Arena arena, int n) {
        MemorySegment s = arena.allocate(n * ResultRecord.SIZE, 16);
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < n; i++) {
            ResultRecord.scenarioId(s, i, i / POLICIES_PER_SCENARIO);
            ResultRecord.policyId(s, i, i % POLICIES_PER_SCENARIO + 1);
            ResultRecord.npv(s, i, (r.nextDouble() - 0.6) * 8_000);
        }
        return s;
    }

    /** The answer a policy read must give: the sum of sum_assured and of term over all records. */
    public static double checksum(MemorySegment policies, long n) {
        double sum = 0;
        for (long i = 0; i < n; i++) {
            sum += PolicyRecord.sumAssured(policies, i) + PolicyRecord.term(policies, i);
        }
        return sum;
    }
}
