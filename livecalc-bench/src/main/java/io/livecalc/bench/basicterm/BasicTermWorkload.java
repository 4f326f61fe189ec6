package io.livecalc.bench.basicterm;

import io.livecalc.api.BufferType;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.ExecutionResult;
import io.livecalc.api.ScenarioTotalRecord;
import io.livecalc.api.testing.TestDataDir;
import io.livecalc.engines.projection.model.BasicTermModel;
import io.livecalc.engines.projection.model.ProductModel;
import io.livecalc.engines.projection.model.ProductModelEngine;
import io.livecalc.engines.projection.model.TermModelPoint;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * lifelib's BasicTerm workloads: the 10,000 model points of BasicTerm_M and BasicTerm_ME, and the M file
 * tiled 100 times (1,000,000 points), with lifelib's tables, 2 threads, per-point results written.
 */
public final class BasicTermWorkload {

    /** lifelib's published sums of pv_net_cf. */
    public static final double PUBLISHED_M = 14_489_630.534601536;
    public static final double PUBLISHED_ME = 215_146_132.06848112;
    public static final int THREADS = 2;

    private final ProductModelEngine engine;
    private final MemorySegment points;
    private final MemorySegment results;
    private final MemorySegment totals;

    private BasicTermWorkload(ProductModel model, int tiles, Arena arena) {
        engine = new ProductModelEngine(model);
        Map<String, Object> c = new HashMap<>(Map.of("mortality_table", lifelib("mort_table.csv").toString(),
                "discount_curve", lifelib("disc_rate_ann.csv").toString(), "threads", THREADS));
        if (model == BasicTermModel.ME) {
            c.put("premium_table", lifelib("premium_table_me.csv").toString());
        }
        engine.initialize(EngineConfig.of(model.name(), c), null);
        MemorySegment file = engine.basis().readModelPoints(lifelib(model == BasicTermModel.ME ? "model_point_table_me.csv"
                : "model_point_table.csv"), arena);
        long n = file.byteSize() / TermModelPoint.SIZE;
        points = arena.allocate(tiles * file.byteSize(), 16);
        for (int k = 0; k < tiles; k++) {
            MemorySegment.copy(file, 0, points, k * file.byteSize(), file.byteSize());
            for (long i = 0; i < n; i++) { // point ids 1..n*tiles
                long at = k * n + i;
                TermModelPoint.set(points, at, at + 1, TermModelPoint.ageAtEntry(file, i), TermModelPoint.policyTerm(file, i),
                        TermModelPoint.durationMonths(file, i), TermModelPoint.sex(file, i), TermModelPoint.policyCount(file, i),
                        TermModelPoint.sumAssured(file, i));
            }
        }
        BufferType type = ProductModelEngine.resultType(model);
        results = arena.allocate(n * tiles * type.recordSize(), 16);
        totals = arena.allocate(ScenarioTotalRecord.SIZE, 16);
    }

    public static Path lifelib(String name) {
        return TestDataDir.resolve("lifelib", name);
    }

    /** BasicTerm_M on model_point_table.csv repeated {@code tiles} times. */
    public static BasicTermWorkload m(int tiles, Arena arena) {
        return new BasicTermWorkload(BasicTermModel.M, tiles, arena);
    }

    public static BasicTermWorkload me(Arena arena) {
        return new BasicTermWorkload(BasicTermModel.ME, 1, arena);
    }

    /** One valuation: every point's premium and present values, and the total. */
    public ExecutionResult run() {
        return engine.runChunk(Map.of(ProductModelEngine.PORT_MODEL_POINTS, points),
                Map.of(ProductModelEngine.PORT_SCENARIO_TOTALS, totals, ProductModelEngine.PORT_POINT_RESULTS, results));
    }

    /** The sum of pv_net_cf of the last run. */
    public double total() {
        return ScenarioTotalRecord.npv(totals, 0);
    }

    /** Fails unless the last run's total is {@code expected} within 1e-9 relative. */
    public void requireTotal(double expected) {
        if (!(Math.abs(total() - expected) <= 1e-9 * Math.abs(expected))) {
            throw new IllegalStateException("BasicTerm workload: total pv_net_cf " + total() + ", expected " + expected);
        }
    }

    /** Off-heap bytes of the model points and results. */
    public long bufferBytes() {
        return points.byteSize() + results.byteSize() + totals.byteSize();
    }

    public String kernel() {
        return engine.report().toString();
    }

    public void close() {
        engine.dispose();
    }
}
