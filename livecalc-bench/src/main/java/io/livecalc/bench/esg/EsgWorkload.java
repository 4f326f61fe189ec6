package io.livecalc.bench.esg;

import io.livecalc.api.EngineConfig;
import io.livecalc.api.ScenarioRecord;
import io.livecalc.engines.esg.EsgEngine;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;

/** The ESG workloads and their answers. */
public final class EsgWorkload {

    /** 10 outer x 1000 inner x 50 years, nested (the original Python: ~7 s). */
    public static EngineConfig nested(int threads) {
        return EngineConfig.of("esg-nested", Map.of("model", "nested", "outer_paths", 10, "inner_paths_per_outer", 1000,
                "projection_years", 50, "seed", 42, "threads", threads));
    }

    /** 10,000 scenarios x 252 annual steps, Vasicek (Julia: ~5 ms on 8 threads). */
    public static EngineConfig vasicek(int threads) {
        return EngineConfig.of("esg-vasicek", Map.of("model", "vasicek", "num_scenarios", 10_000, "projection_years", 252,
                "seed", 42, "threads", threads));
    }

    private EsgWorkload() {
    }

    /** An initialised engine and its output buffer. */
    public static EsgEngine engine(EngineConfig config) {
        EsgEngine e = new EsgEngine();
        e.initialize(config, null);
        return e;
    }

    public static MemorySegment output(Arena arena, EngineConfig config) {
        return arena.allocate(EsgEngine.bytesNeeded(config), 16);
    }

    /** Sum of every rate, in record order: the workload's answer. */
    public static double rateSum(MemorySegment records) {
        double sum = 0;
        long n = records.byteSize() / ScenarioRecord.SIZE;
        for (long i = 0; i < n; i++) {
            sum += ScenarioRecord.rate(records, i);
        }
        return sum;
    }
}
