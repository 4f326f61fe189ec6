package io.livecalc.engines.esg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.api.ConfigurationException;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EngineExecutionException;
import io.livecalc.api.ScenarioRecord;
import io.livecalc.engines.ReferenceData;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EsgEngineTest {

    @TempDir
    Path dir;

    @Test
    void gbmModelReproducesTheOriginalCliRateTableBitForBit() throws Exception {
        List<String> lines = Files.readAllLines(ReferenceData.upstream("scenarios_gbm_seed42_n1000.csv"));
        try (Arena arena = Arena.ofShared()) {
            EsgRuns.Run run = EsgRuns.run(arena, EsgRuns.config("model", "gbm", "num_scenarios", 1000, "seed", 42,
                    "initial_rate", 0.04, "drift", 0.0, "volatility", 0.015, "min_rate", 0.0, "max_rate", 0.20));
            assertEquals(50_000, run.count());
            for (int s = 0; s < 1000; s++) {
                String[] cells = lines.get(s + 1).split(",");
                for (int y = 1; y <= 50; y++) {
                    long i = s * 50L + y - 1;
                    assertEquals(s, ScenarioRecord.scenarioId(run.records(), i));
                    assertEquals(y, ScenarioRecord.year(run.records(), i));
                    assertEquals(Double.doubleToLongBits(Double.parseDouble(cells[y])), Double.doubleToLongBits(run.rate(i)),
                            "scenario " + s + " year " + y);
                }
            }
        }
    }

    @Test
    void outputIsBitIdenticalForOneTwoAndEightThreads() {
        for (Object[] model : List.of(new Object[] {"model", "vasicek", "num_scenarios", 1000, "dt", 0.25},
                new Object[] {"model", "hull_white", "curve", curve().toString(), "num_scenarios", 333},
                new Object[] {"model", "cir", "num_scenarios", 1000},
                new Object[] {"esg_model", "nested", "outer_paths", 4, "inner_paths_per_outer", 150, "projection_years", 30})) {
            try (Arena arena = Arena.ofShared()) {
                MemorySegment one = run(arena, model, 1);
                assertEquals(-1, one.mismatch(run(arena, model, 2)), List.of(model) + " 2 threads");
                assertEquals(-1, one.mismatch(run(arena, model, 8)), List.of(model) + " 8 threads");
            }
        }
    }

    private static MemorySegment run(Arena arena, Object[] keys, int threads) {
        Object[] all = java.util.Arrays.copyOf(keys, keys.length + 2);
        all[keys.length] = "threads";
        all[keys.length + 1] = threads;
        return EsgRuns.run(arena, EsgRuns.config(all)).records();
    }

    private Path curve() {
        Path file = dir.resolve("curve.csv");
        try {
            Files.write(file, List.of("maturity_years,zero_rate", "1,0.02", "10,0.035", "30,0.04"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return file;
    }

    @Test
    void scalarAndSimdNormalsAreBitIdenticalAt256And512Bits() {
        long[] keys = new long[61];
        for (int j = 0; j < keys.length; j++) {
            keys[j] = PathStreams.key(42, j);
        }
        double[] scalar = new double[keys.length];
        double[] v256 = new double[keys.length];
        double[] v512 = new double[keys.length];
        NormalDraws simd256 = new VectorNormals(DoubleVector.SPECIES_256);
        NormalDraws simd512 = new VectorNormals(DoubleVector.SPECIES_512);
        long[] buffers = new long[keys.length];
        for (long draw = 0; draw < 20_000; draw++) {
            NormalDraws.scalar().fill(keys, draw, scalar, keys.length, buffers);
            simd256.fill(keys, draw, v256, keys.length, buffers);
            simd512.fill(keys, draw, v512, keys.length, buffers);
            for (int j = 0; j < keys.length; j++) {
                assertEquals(Double.doubleToLongBits(scalar[j]), Double.doubleToLongBits(v256[j]), "draw " + draw + " lane " + j);
                assertEquals(Double.doubleToLongBits(scalar[j]), Double.doubleToLongBits(v512[j]), "draw " + draw + " lane " + j);
            }
        }
        try (Arena arena = Arena.ofShared()) {
            Object[] keysVasicek = {"model", "vasicek", "num_scenarios", 200, "projection_years", 20};
            EngineConfig c = EsgRuns.config(keysVasicek);
            assertEquals(-1, EsgRuns.run(arena, c, NormalDraws.scalar()).records().mismatch(EsgRuns.run(arena, c, simd256).records()));
        }
    }

    @Test
    void nestedPathsFollowTheOriginalFormulasWithStrideIdsAndFloat32Rates() {
        try (Arena arena = Arena.ofShared()) {
            EsgRuns.Run run = EsgRuns.run(arena, EsgRuns.config("model", "nested", "outer_paths", 10, "inner_paths_per_outer", 100,
                    "projection_years", 50, "seed", 42));
            assertEquals(50_000, run.count());
            double[][] outer = NestedOuterPaths.generate(10, 50, 0.03, 0.0);
            for (int o : new int[] {0, 4, 9}) {
                for (int i : new int[] {0, 63, 64, 99}) {
                    long id = o * 1000L + i;
                    long key = PathStreams.key(42, id);
                    long row = (o * 100L + i) * 50;
                    double r = outer[o][0];
                    for (int y = 0; y < 50; y++) {
                        if (y > 0) {
                            r = Math.max(0.001, r + 0.1 * (outer[o][y] - r) + 0.01 * PathStreams.normal(key, y - 1));
                        }
                        assertEquals(id, ScenarioRecord.scenarioId(run.records(), row + y));
                        assertEquals(y + 1, ScenarioRecord.year(run.records(), row + y));
                        assertEquals((double) (float) r, run.rate(row + y), 0.0, "outer " + o + " inner " + i + " year " + (y + 1));
                    }
                }
            }
            assertEquals(0.03 + 0.02 * StrictMath.sin(0.5 * 7), outer[9][7], 0.0);
            assertEquals(0.03 - 0.005 * 25 + 0.01 * 5, outer[4][30], 1e-17);
        }
    }

    @Test
    void nestedIdStrideGrowsPastAThousandInnerPaths() {
        assertEquals(1000, EsgSettings.idStride(100));
        assertEquals(1000, EsgSettings.idStride(1000));
        assertEquals(10_000, EsgSettings.idStride(1001));
        assertEquals(10_000, EsgSettings.idStride(10_000));
        EsgSettings s = EsgSettings.parse(EsgRuns.config("model", "nested", "outer_paths", 3, "inner_paths_per_outer", 1500,
                "projection_years", 2));
        assertEquals(2 * 10_000L + 1499, s.scenarioId(2 * 1500 + 1499));
        assertEquals(4500L * 2, EsgEngine.recordsNeeded(EsgRuns.config("model", "nested", "outer_paths", 3,
                "inner_paths_per_outer", 1500, "projection_years", 2)));
    }

    @Test
    void everyConfigurationProblemIsReportedTogetherWithItsKey() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new EsgEngine().initialize(EsgRuns.config(
                "model", "vasicek", "volatility", -0.01, "projection_years", 0, "num_scenarios", 0, "dt", 0.3,
                "mean_reversion", 0, "outer_paths", 5, "colour", "blue"), null));
        String m = e.getMessage();
        assertTrue(m.startsWith("engine 'esg-test': 7 configuration problems: "), m);
        for (String expected : List.of("unknown config key 'colour'", "config key 'outer_paths' does not apply to model 'vasicek'",
                "config key 'volatility' = -0.01 must not be negative", "config key 'projection_years' = 0 is out of range 1..1000",
                "config key 'num_scenarios' = 0 is out of range", "config key 'dt' = 0.3 must be 1/n of a year",
                "config key 'mean_reversion' = 0.0 must be > 0")) {
            assertTrue(m.contains(expected), "missing <" + expected + "> in " + m);
        }
    }

    @Test
    void nestedLimitsOfTheOriginalAreReportedTogether() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> EsgEngine.recordsNeeded(EsgRuns.config(
                "model", "nested", "outer_paths", 2, "inner_paths_per_outer", 20_000, "projection_years", 101, "dt", 0.5)));
        String m = e.getMessage();
        for (String expected : List.of("'outer_paths' = 2 is out of range 3..10", "'inner_paths_per_outer' = 20000 is out of range 100..10000",
                "'projection_years' = 101 is out of range 1..100", "config key 'dt' does not apply to model 'nested'")) {
            assertTrue(m.contains(expected), "missing <" + expected + "> in " + m);
        }
    }

    @Test
    void unknownMissingAndConflictingModelsAreRejected() {
        assertTrue(assertThrows(ConfigurationException.class, () -> EsgEngine.recordsNeeded(EsgRuns.config("model", "heston")))
                .getMessage().contains("config key 'model' = \"heston\" is not a known model; known: [vasicek, hull_white, cir, gbm, nested]"));
        assertTrue(assertThrows(ConfigurationException.class, () -> EsgEngine.recordsNeeded(EsgRuns.config("seed", 1)))
                .getMessage().contains("missing config key 'model' (alias 'esg_model')"));
        assertTrue(assertThrows(ConfigurationException.class, () -> EsgEngine.recordsNeeded(EsgRuns.config("model", "cir",
                "esg_model", "vasicek"))).getMessage().contains("disagree"));
        assertTrue(assertThrows(ConfigurationException.class, () -> EsgEngine.recordsNeeded(EsgRuns.config("model", "hull_white")))
                .getMessage().contains("missing required config key 'curve'"));
        assertTrue(assertThrows(ConfigurationException.class, () -> EsgEngine.recordsNeeded(EsgRuns.config("model", "gbm",
                "projection_years", 60, "min_rate", 0.2, "max_rate", 0.1))).getMessage()
                .contains("'projection_years' = 60 is out of range 1..50; config keys 'min_rate' = 0.2 and 'max_rate' = 0.1"));
    }

    @Test
    void tooSmallOutputNamesTheBytesNeededAndGiven() {
        try (Arena arena = Arena.ofShared(); EsgEngine engine = new EsgEngine()) {
            engine.initialize(EsgRuns.config("model", "vasicek", "num_scenarios", 10, "projection_years", 5), null);
            EngineExecutionException e = assertThrows(EngineExecutionException.class,
                    () -> engine.runChunk(Map.of(), Map.of("scenarios", arena.allocate(799, 16))));
            assertEquals("engine 'esg-test': output 'scenarios' too small: needs 800 bytes (10 scenarios x 5 years x 16 B), given 799 bytes",
                    e.getMessage());
            assertTrue(!e.isTransient());
        }
    }

    @Test
    void missingCurveFileNamesTheFile() {
        Path missing = dir.resolve("nope.csv");
        Exception e = assertThrows(RuntimeException.class, () -> new EsgEngine().initialize(
                EsgRuns.config("model", "hull_white", "curve", missing.toString()), null));
        assertTrue(e.getMessage().contains("zero curve file not found: " + missing), e.getMessage());
    }
}
