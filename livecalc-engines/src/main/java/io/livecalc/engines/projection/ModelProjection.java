package io.livecalc.engines.projection;

import io.livecalc.api.AtomicFile;
import io.livecalc.api.BufferType;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.ExecutionResult;
import io.livecalc.api.Layouts;
import io.livecalc.api.ScenarioTotalRecord;
import io.livecalc.engines.projection.model.ProductModel;
import io.livecalc.engines.projection.model.ProductModelEngine;
import io.livecalc.engines.scenario.ScenarioSet;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * One run of a {@link ProductModel} from files, as {@code livecalc project --model basic_term} runs it:
 *
 * <pre>{@code
 * try (Arena arena = Arena.ofShared()) {
 *     ModelProjection.Result r = ModelProjection.builder(BasicTermModel.M)
 *             .config("mortality_table", "mort_table.csv").config("discount_curve", "disc_rate_ann.csv")
 *             .modelPoints(Path.of("model_point_table.csv"))
 *             .threads(2)
 *             .run(arena);
 *     r.writeCsv(Path.of("results.csv"));          // one row per model point
 *     double total = r.scenarioTotals()[0];         // sum of pv_net_cf
 * }
 * }</pre>
 *
 * Failures: {@link io.livecalc.api.DataFileException} for a bad file (name, line, column, value),
 * {@link io.livecalc.api.ConfigurationException} for a bad setting, {@link io.livecalc.api.EngineExecutionException}
 * for a model point the model cannot project (record and point id named).
 */
public final class ModelProjection {

    private ModelProjection() {
    }

    public static Builder builder(ProductModel model) {
        return new Builder(model);
    }

    /** The run's inputs; {@link #run} may be called more than once. */
    public static final class Builder {
        private final ProductModel model;
        private final Map<String, Object> config = new LinkedHashMap<>();
        private Path baseDirectory = Path.of("");
        private Path modelPointsFile;
        private BiFunction<ProductModel.Basis, Arena, MemorySegment> modelPointReader;
        private MemorySegment modelPoints;
        private ScenarioSet scenarios;

        private Builder(ProductModel model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        /** A model setting (e.g. {@code mortality_table}); file references resolve against {@link #baseDirectory}. */
        public Builder config(String key, Object value) {
            config.put(key, value);
            return this;
        }

        public Builder baseDirectory(Path dir) {
            this.baseDirectory = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Model points from a file in the model's own format (lifelib's CSV for BasicTerm). */
        public Builder modelPoints(Path file) {
            this.modelPointsFile = Objects.requireNonNull(file, "file");
            this.modelPoints = null;
            this.modelPointReader = null;
            return this;
        }

        /** Model points already in records of the model's point type (read in place; use a shared arena). */
        public Builder modelPoints(MemorySegment records) {
            this.modelPoints = Objects.requireNonNull(records, "records");
            this.modelPointsFile = null;
            this.modelPointReader = null;
            return this;
        }

        /** Model points read by {@code reader} once the model's tables are loaded (e.g. a Parquet reader). */
        public Builder modelPoints(BiFunction<ProductModel.Basis, Arena, MemorySegment> reader) {
            this.modelPointReader = Objects.requireNonNull(reader, "reader");
            this.modelPoints = null;
            this.modelPointsFile = null;
            return this;
        }

        /** Stochastic discounting: one curve per scenario; default the model's own curve. */
        public Builder scenarios(ScenarioSet set) {
            this.scenarios = set;
            return this;
        }

        public Builder threads(int n) {
            config.put("threads", n);
            return this;
        }

        /** The engine configuration this builder produces (what a DAG gives the engine). */
        public EngineConfig engineConfig() {
            return EngineConfig.of(model.name(), config, baseDirectory);
        }

        /** Projects and returns the results, allocated in {@code arena}. */
        public Result run(Arena arena) {
            try (ProductModelEngine engine = new ProductModelEngine(model)) {
                engine.initialize(engineConfig(), null);
                MemorySegment points = modelPoints;
                if (modelPointsFile != null) {
                    points = engine.basis().readModelPoints(baseDirectory.resolve(modelPointsFile), arena);
                } else if (modelPointReader != null) {
                    points = modelPointReader.apply(engine.basis(), arena);
                }
                if (points == null) {
                    throw new IllegalStateException("model points not set");
                }
                Map<String, MemorySegment> in = new HashMap<>();
                in.put(ProductModelEngine.PORT_MODEL_POINTS, points);
                if (scenarios != null) {
                    in.put(ProductModelEngine.PORT_SCENARIOS, scenarios.toRecords(arena));
                }
                BufferType type = ProductModelEngine.resultType(model);
                long pairs = engine.outputRecords(ProductModelEngine.PORT_POINT_RESULTS, in).orElseThrow();
                int n = (int) engine.outputRecords(ProductModelEngine.PORT_SCENARIO_TOTALS, in).orElseThrow();
                MemorySegment results = arena.allocate(Math.max(1, pairs) * type.recordSize(), 16).asSlice(0, pairs * type.recordSize());
                MemorySegment totals = arena.allocate(n * ScenarioTotalRecord.SIZE, 16);
                ExecutionResult r = engine.runChunk(in, Map.of(ProductModelEngine.PORT_SCENARIO_TOTALS, totals,
                        ProductModelEngine.PORT_POINT_RESULTS, results));
                long[] ids = new long[n];
                double[] sums = new double[n];
                for (int s = 0; s < n; s++) {
                    ids[s] = ScenarioTotalRecord.scenarioId(totals, s);
                    sums[s] = ScenarioTotalRecord.npv(totals, s);
                }
                return new Result(model, type, results, pairs / n, scenarios != null, ids, sums, r.executionTimeMs(), engine.report());
            }
        }
    }

    /**
     * What a run produced: the per-point result records ({@link ProductModelEngine#resultType}) and the
     * sum of {@code pv_net_cf} per scenario.
     */
    public record Result(ProductModel model, BufferType type, MemorySegment records, long points, boolean stochastic,
                         long[] scenarioIds, double[] scenarioTotals, double executionTimeMs, Map<String, Object> report) {

        /** Result column names after {@code point_id} (and {@code scenario_id}). */
        public List<String> valueNames() {
            return ProductModelEngine.resultValues(model);
        }

        /** Value {@code column} (index into {@link #valueNames}) of result record {@code record}. */
        public double value(long record, int column) {
            return records.get(Layouts.F64, record * type.recordSize() + 16 + 8L * column);
        }

        /** Per scenario, the sum of each value column over the points, in point order (a row per scenario). */
        public double[][] columnTotals() {
            int n = scenarioIds.length;
            int columns = valueNames().size();
            double[][] sums = new double[n][columns];
            for (long p = 0; p < points; p++) {
                for (int s = 0; s < n; s++) {
                    for (int c = 0; c < columns; c++) {
                        sums[s][c] += value(p * n + s, c);
                    }
                }
            }
            return sums;
        }

        /**
         * Writes one CSV row per model point (per point and scenario under stochastic discounting):
         * {@code point_id[,scenario_id],<values>}, numbers in Java's shortest round-trip form; atomically.
         */
        public void writeCsv(Path file) {
            int n = scenarioIds.length;
            List<String> names = valueNames();
            try {
                AtomicFile.write(file, temp -> {
                    try (BufferedWriter w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                        w.write(stochastic ? "point_id,scenario_id," : "point_id,");
                        w.write(String.join(",", names));
                        w.write('\n');
                        StringBuilder sb = new StringBuilder(160);
                        for (long r = 0; r < points * n; r++) {
                            sb.setLength(0);
                            long base = r * type.recordSize();
                            sb.append(Long.toUnsignedString(records.get(Layouts.U64, base)));
                            if (stochastic) {
                                sb.append(',').append(Integer.toUnsignedLong(records.get(Layouts.U32, base + 8)));
                            }
                            for (int c = 0; c < names.size(); c++) {
                                sb.append(',').append(value(r, c));
                            }
                            w.append(sb).append('\n');
                        }
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
