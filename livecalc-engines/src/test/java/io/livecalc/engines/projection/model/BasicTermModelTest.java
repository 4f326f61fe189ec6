package io.livecalc.engines.projection.model;

import io.livecalc.engines.projection.internal.BasicTermBasis;
import io.livecalc.engines.projection.internal.ChunkProjection;
import io.livecalc.engines.projection.internal.LaneMathProvider;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.api.BufferType;
import io.livecalc.api.DataFileException;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EngineExecutionException;
import io.livecalc.api.ScenarioTotalRecord;
import io.livecalc.engines.ReferenceData;
import io.livecalc.engines.scenario.ScenarioSet;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lifelib's BasicTerm models against lifelib's published results (basic-term-model.md). */
class BasicTermModelTest {

    static final double PUBLISHED_M = 14_489_630.534601536;
    static final double PUBLISHED_ME = 215_146_132.06848112;

    private static Arena arena;
    private static MemorySegment points;
    private static MemorySegment pointsMe;

    @BeforeAll
    static void load() {
        arena = Arena.ofShared();
        points = TermModelPoint.readCsv(ReferenceData.lifelib("model_point_table.csv"), arena, 18, 120);
        pointsMe = TermModelPoint.readCsv(ReferenceData.lifelib("model_point_table_me.csv"), arena, 18, 120);
    }

    @AfterAll
    static void close() {
        arena.close();
    }

    static EngineConfig config(ProductModel model, Map<String, Object> extra) {
        Map<String, Object> c = new HashMap<>(Map.of(
                "mortality_table", ReferenceData.lifelib("mort_table.csv").toString(),
                "discount_curve", ReferenceData.lifelib("disc_rate_ann.csv").toString()));
        if (model == BasicTermModel.ME) {
            c.put("premium_table", ReferenceData.lifelib("premium_table_me.csv").toString());
        }
        c.putAll(extra);
        return EngineConfig.of(model.name(), c);
    }

    /** Runs {@code engine} over {@code pts}; returns the result records (and the totals in {@code totals}). */
    static MemorySegment run(ProductModelEngine engine, MemorySegment pts, ScenarioSet scenarios, double[] totals) {
        long count = pts.byteSize() / TermModelPoint.SIZE;
        int n = scenarios == null ? 1 : scenarios.count();
        BufferType type = ProductModelEngine.resultType(engine.model());
        MemorySegment results = arena.allocate(count * n * type.recordSize(), 16);
        MemorySegment t = arena.allocate(n * ScenarioTotalRecord.SIZE, 16);
        Map<String, MemorySegment> in = new HashMap<>(Map.of(ProductModelEngine.PORT_MODEL_POINTS, pts));
        if (scenarios != null) {
            in.put(ProductModelEngine.PORT_SCENARIOS, scenarios.toRecords(arena));
        }
        assertTrue(engine.runChunk(in, Map.of(ProductModelEngine.PORT_SCENARIO_TOTALS, t, ProductModelEngine.PORT_POINT_RESULTS, results)).success());
        for (int s = 0; s < n; s++) {
            totals[s] = ScenarioTotalRecord.npv(t, s);
        }
        return results;
    }

    static ProductModelEngine engine(ProductModel model, int threads) {
        ProductModelEngine e = new ProductModelEngine(model);
        e.initialize(config(model, Map.of("threads", threads)), null);
        return e;
    }

    static double value(MemorySegment results, BufferType type, long record, int column) {
        return results.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, record * type.recordSize() + 16 + 8L * column);
    }

    @Test
    void basicTermMReproducesThePublishedSumAndPointOne() {
        double[] total = new double[1];
        MemorySegment results;
        try (ProductModelEngine e = engine(BasicTermModel.M, 2)) {
            results = run(e, points, null, total);
        }
        assertEquals(PUBLISHED_M, total[0], 1e-9 * PUBLISHED_M);
        BufferType type = ProductModelEngine.resultType(BasicTermModel.M);
        assertEquals(94.84, value(results, type, 0, 0), 0.0, "point 1 premium_pp");
        assertEquals(910.92, Math.round(value(results, type, 0, 5) * 100) / 100.0, 0.0, "point 1 pv_net_cf");
        double sum = 0;
        for (int b = 0; b < 10_000; b += ChunkProjection.BLOCK) {
            double block = 0;
            for (int i = b; i < Math.min(10_000, b + ChunkProjection.BLOCK); i++) {
                block += value(results, type, i, 5);
            }
            sum += block;
        }
        assertEquals(total[0], sum, 0.0, "the total adds the points' pv_net_cf in order within blocks of 1024, then the blocks");
    }

    @Test
    void basicTermMeReproducesThePublishedSum() {
        double[] total = new double[1];
        try (ProductModelEngine e = engine(BasicTermModel.ME, 2)) {
            run(e, pointsMe, null, total);
        }
        assertEquals(PUBLISHED_ME, total[0], 1e-9 * PUBLISHED_ME);
    }

    @Test
    void onePointAtATimeEqualsVectorisedBitForBit() {
        double[] ts = new double[1];
        double[] tm = new double[1];
        MemorySegment s;
        MemorySegment m;
        try (ProductModelEngine e = engine(BasicTermModel.S, 1)) {
            s = run(e, points, null, ts);
        }
        try (ProductModelEngine e = engine(BasicTermModel.M, 1)) {
            m = run(e, points, null, tm);
        }
        assertEquals(ts[0], tm[0], 0.0);
        assertEquals(-1, s.mismatch(m), "every result record is identical");
    }

    @Test
    void simdEqualsScalarBitForBit() {
        org.junit.jupiter.api.Assumptions.assumeTrue(LaneMathProvider.vectorModuleReadable());
        double[] a = new double[1];
        double[] b = new double[1];
        MemorySegment scalar;
        MemorySegment simd;
        try (ProductModelEngine e = new ProductModelEngine(BasicTermModel.M.withLanes(true), LaneMathProvider.scalar())) {
            e.initialize(config(BasicTermModel.M, Map.of("threads", 2)), null);
            scalar = run(e, points, null, a);
        }
        try (ProductModelEngine e = new ProductModelEngine(BasicTermModel.M.withLanes(false), LaneMathProvider.vector())) {
            e.initialize(config(BasicTermModel.M, Map.of("threads", 2)), null);
            simd = run(e, points, null, b);
        }
        assertEquals(a[0], b[0], 0.0);
        assertEquals(-1, scalar.mismatch(simd));
    }

    /**
     * BasicTerm_ME as before its lanes: the model without its fused path, so the engine discounts the rows of the
     * one point at a time loop ({@code project}).
     */
    private static ProductModel withoutFusedPath(ProductModel model) {
        return new ProductModel() {
            public String name() { return model.name(); }
            public String description() { return model.description(); }
            public BufferType modelPointType() { return model.modelPointType(); }
            public int stepsPerYear() { return model.stepsPerYear(); }
            public java.util.List<Flow> flows() { return model.flows(); }
            public java.util.List<String> pointValues() { return model.pointValues(); }
            public java.util.Set<String> configKeys() { return model.configKeys(); }
            public Basis configure(EngineConfig config) {
                Basis b = model.configure(config);
                return new Basis() {
                    public MemorySegment readModelPoints(Path file, Arena a) { return b.readModelPoints(file, a); }
                    public long pointId(MemorySegment p, long i) { return b.pointId(p, i); }
                    public String problem(MemorySegment p, long i) { return b.problem(p, i); }
                    public int steps(MemorySegment p, long i) { return b.steps(p, i); }
                    public double[] discountFactors(int steps) { return b.discountFactors(steps); }
                    public double[] discountFactors(double[] rates, int steps) { return b.discountFactors(rates, steps); }
                    public void project(MemorySegment p, long first, int lanes, int steps, double[][] flows, double[][] values) {
                        b.project(p, first, lanes, steps, flows, values);
                    }
                };
            }
        };
    }

    private static MemorySegment runMe(ProductModel model, MemorySegment pts, double[] total) {
        try (ProductModelEngine e = new ProductModelEngine(model)) {
            e.initialize(EngineConfig.of(model.name(), Map.of(
                    "mortality_table", ReferenceData.lifelib("mort_table.csv").toString(),
                    "discount_curve", ReferenceData.lifelib("disc_rate_ann.csv").toString(),
                    "premium_table", ReferenceData.lifelib("premium_table_me.csv").toString(), "threads", 2)), null);
            return run(e, pts, null, total);
        }
    }

    @Test
    void inForceLanesGiveTheOnePointAtATimeBitsOnEveryLifelibPoint() {
        // lifelib's 10,000 ME points: durations -36..240 (future new business, in force, maturing at t = 0)
        double[] before = new double[1];
        MemorySegment expected = runMe(withoutFusedPath(BasicTermModel.ME), pointsMe, before);
        assertEquals(PUBLISHED_ME, before[0], 1e-9 * PUBLISHED_ME);
        java.util.List<Boolean> kernels = LaneMathProvider.vectorModuleReadable() ? java.util.List.of(true, false) : java.util.List.of(true);
        for (boolean scalar : kernels) {
            double[] total = new double[1];
            MemorySegment actual = runMe(BasicTermModel.ME.withLanes(scalar), pointsMe, total);
            assertEquals(-1, expected.mismatch(actual), (scalar ? "scalar" : "vector") + " lanes: every result record is identical");
            assertEquals(before[0], total[0], 0.0);
        }
        // a group of 1,003 % 32 = 11 lanes: the vector kernel's scalar tail
        MemorySegment some = pointsMe.asSlice(0, 1_003 * TermModelPoint.SIZE);
        MemorySegment tailExpected = runMe(withoutFusedPath(BasicTermModel.ME), some, before);
        for (boolean scalar : kernels) {
            assertEquals(-1, tailExpected.mismatch(runMe(BasicTermModel.ME.withLanes(scalar), some, new double[1])));
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        double[] one = new double[1];
        MemorySegment first;
        try (ProductModelEngine e = engine(BasicTermModel.ME, 1)) {
            first = run(e, pointsMe, null, one);
        }
        for (int threads : new int[] {2, 3, 8}) {
            double[] t = new double[1];
            try (ProductModelEngine e = engine(BasicTermModel.ME, threads)) {
                assertEquals(-1, first.mismatch(run(e, pointsMe, null, t)), threads + " threads");
            }
            assertEquals(one[0], t[0], 0.0, threads + " threads");
        }
    }

    @Test
    void stochasticDiscountingTakesOneCurvePerScenario() {
        // scenario 7 is the model's own curve (year y = zero_spot[y - 1]); scenario 9 is 1% higher everywhere
        double[] spot = BasicTermBasis.readDiscountCurve(ReferenceData.lifelib("disc_rate_ann.csv"));
        double[] rates = new double[2 * spot.length];
        for (int y = 0; y < spot.length; y++) {
            rates[y] = spot[y];
            rates[spot.length + y] = spot[y] + 0.01;
        }
        ScenarioSet set = new ScenarioSet(new long[] {7, 9}, spot.length, rates);
        double[] deterministic = new double[1];
        double[] stochastic = new double[2];
        MemorySegment one;
        MemorySegment two;
        try (ProductModelEngine e = engine(BasicTermModel.M, 2)) {
            one = run(e, points, null, deterministic);
            two = run(e, points, set, stochastic);
        }
        assertEquals(deterministic[0], stochastic[0], 0.0, "the curve as a scenario gives the deterministic total");
        assertTrue(stochastic[1] < stochastic[0], "higher rates: lower value of a profitable term book? " + stochastic[1]);
        BufferType type = ProductModelEngine.resultType(BasicTermModel.M);
        for (long p = 0; p < 10_000; p += 997) {
            assertEquals(-1, one.asSlice(p * type.recordSize() + 16, type.recordSize() - 16)
                    .mismatch(two.asSlice(2 * p * type.recordSize() + 16, type.recordSize() - 16)), "point " + p);
            assertEquals(9, two.get(ValueLayout.JAVA_INT_UNALIGNED, (2 * p + 1) * type.recordSize() + 8));
        }
    }

    @Test
    void badModelPointsAreRejectedWithTheirLineAndColumn(@TempDir Path dir) throws IOException {
        String header = "point_id,age_at_entry,sex,policy_term,policy_count,sum_assured\n";
        Map<String, String> cases = Map.of(
                "1,47,M,0,1,622000\n", "line 2, column 4 (policy_term): \"0\" is not a policy term in 1..100 years",
                "1,17,M,10,1,622000\n", "line 2, column 2 (age_at_entry): \"17\" is not an entry age the mortality table covers (18..120)",
                "1,47,X,10,1,622000\n", "line 2, column 3 (sex): \"X\" is not a sex code (M or F)");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path f = dir.resolve("mp.csv");
            Files.writeString(f, header + c.getKey());
            DataFileException e = assertThrows(DataFileException.class, () -> TermModelPoint.readCsv(f, arena, 18, 120));
            assertEquals(f + ": " + c.getValue(), e.getMessage());
            assertEquals(2, e.line());
        }
        String me = "point_id,age_at_entry,sex,policy_term,policy_count,sum_assured,duration_mth\n";
        for (String months : new String[] {"121", "-1201", "1.5", "x"}) {   // term 10: -1200..120
            Path f = dir.resolve("mp_me.csv");
            Files.writeString(f, me + "1,47,M,10,1,622000," + months + "\n");
            DataFileException e = assertThrows(DataFileException.class, () -> TermModelPoint.readCsv(f, arena, 18, 120));
            assertEquals(f + ": line 2, column 7 (duration_mth): \"" + months + "\" is not months in force in -1200..120 (12 x policy_term)",
                    e.getMessage());
        }
        Path f = dir.resolve("mp_me.csv");
        Files.writeString(f, me + "1,47,M,10,1,622000,120\n2,47,M,10,1,622000,-1200\n");
        MemorySegment two = TermModelPoint.readCsv(f, arena, 18, 120);
        assertEquals(120, TermModelPoint.durationMonths(two, 0));
        assertEquals(-1200, TermModelPoint.durationMonths(two, 1));
    }

    @Test
    void badModelPointsInABufferAreRejectedWithTheirRecord() {
        MemorySegment bad = arena.allocate(3 * TermModelPoint.SIZE, 16);
        MemorySegment.copy(points, 0, bad, 0, 3 * TermModelPoint.SIZE);
        TermModelPoint.set(bad, 2, 3, 15, 10, 0, 0, 1, 1000);
        try (ProductModelEngine e = engine(BasicTermModel.M, 1)) {
            EngineExecutionException x = assertThrows(EngineExecutionException.class, () -> run(e, bad, null, new double[1]));
            assertEquals("engine 'basic_term': input 'model_points' record 2 (point_id 3): age_at_entry 15 is below the mortality"
                    + " table's first age 18", x.getMessage());
        }
    }
}
