package io.livecalc.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.livecalc.engines.projection.ModelProjection;
import io.livecalc.engines.projection.model.BasicTermModel;
import io.livecalc.engines.projection.model.ProductModel;
import io.livecalc.engines.scenario.ScenarioSet;
import io.livecalc.parquet.ParquetFiles;
import io.livecalc.parquet.ParquetWriteOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code livecalc project --model basic_term|basic_term_s|basic_term_me}: a product model run from lifelib's files. */
final class ModelCommand {

    static final Map<String, ProductModel> MODELS = Map.of("basic_term", BasicTermModel.M, "basic_term_s", BasicTermModel.S,
            "basic_term_me", BasicTermModel.ME);

    private ModelCommand() {
    }

    static int run(ProjectCommand c) throws Exception {
        ProductModel model = MODELS.get(c.model);
        if (model == null) {
            throw new IllegalArgumentException("--model: unknown model '" + c.model + "'; known: annual, "
                    + String.join(", ", new java.util.TreeSet<>(MODELS.keySet())));
        }
        boolean me = model == BasicTermModel.ME;
        c.requireOptions(me ? new String[] {"--model-points=FILE", "--mortality=FILE", "--discount-curve=FILE", "--premium-table=FILE"}
                        : new String[] {"--model-points=FILE", "--mortality=FILE", "--discount-curve=FILE"},
                me ? new Object[] {c.modelPoints, c.mortality, c.discountCurve, c.premiumTable}
                        : new Object[] {c.modelPoints, c.mortality, c.discountCurve});
        if (c.policies != null || c.lapse != null || c.expenses != null) {
            throw new IllegalArgumentException("--policies, --lapse and --expenses belong to the annual model, not " + c.model
                    + " (it reads --model-points, --mortality, --discount-curve" + (me ? ", --premium-table" : "") + ")");
        }
        try (Arena arena = Arena.ofShared()) {
            ModelProjection.Builder b = ModelProjection.builder(model)
                    .config("mortality_table", c.mortality).config("discount_curve", c.discountCurve);
            if (me) {
                b.config("premium_table", c.premiumTable);
            }
            if (c.threads != null) {
                if (c.threads < 1) {
                    throw new IllegalArgumentException("--threads must be at least 1, got " + c.threads);
                }
                b.threads(c.threads);
            }
            if (PolicyFiles.isParquet(c.modelPoints)) {
                Path file = c.modelPoints;
                b.modelPoints((basis, a) -> {
                    long rows = ParquetFiles.rowCount(file);
                    long size = model.modelPointType().recordSize();
                    MemorySegment records = a.allocate(Math.max(1, rows) * size, 16).asSlice(0, rows * size);
                    ParquetFiles.read(file, model.modelPointType(), records);
                    return records;
                });
            } else {
                b.modelPoints(c.modelPoints);
            }
            if (c.scenariosFile != null) {
                b.scenarios(ScenarioSet.fromCsv(c.scenariosFile));
            }
            ModelProjection.Result r = b.run(arena);
            if (c.output != null) {
                String name = c.output.getFileName().toString().toLowerCase(Locale.ROOT);
                if (PolicyFiles.isParquet(c.output)) {
                    ParquetFiles.write(c.output, r.type(), r.records(), r.points() * r.scenarioIds().length, ParquetWriteOptions.defaults());
                } else if (name.endsWith(".csv")) {
                    r.writeCsv(c.output);
                } else {
                    throw new IllegalArgumentException("--output: " + c.output + " must end in .csv or .parquet");
                }
            }
            PrintWriter out = c.spec.commandLine().getOut();
            out.println(json(summary(r)));
            out.flush();
            return 0;
        }
    }

    /**
     * {@code value} as ObjectMapper with INDENT_OUTPUT writes it, through jackson-core's generator and the same default
     * pretty printer: databind's ~400 classes stay unloaded on a one-shot run (issue 15). Maps, lists, strings,
     * numbers, booleans and nulls; anything else falls back to ObjectMapper.
     */
    static String json(Object value) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.useDefaultPrettyPrinter();
            if (!writeTree(g, value)) {
                return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
            }
        }
        return w.toString();
    }

    /** Writes {@code v}; false (having written something partial) for a type it does not know. */
    private static boolean writeTree(JsonGenerator g, Object v) throws IOException {
        switch (v) {
            case null -> g.writeNull();
            case String x -> g.writeString(x);
            case Boolean x -> g.writeBoolean(x);
            case Integer x -> g.writeNumber(x);
            case Long x -> g.writeNumber(x);
            case Double x -> g.writeNumber(x);
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!(e.getKey() instanceof String key)) {
                        return false;
                    }
                    g.writeFieldName(key);
                    if (!writeTree(g, e.getValue())) {
                        return false;
                    }
                }
                g.writeEndObject();
            }
            case List<?> l -> {
                g.writeStartArray();
                for (Object x : l) {
                    if (!writeTree(g, x)) {
                        return false;
                    }
                }
                g.writeEndArray();
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The totals: per scenario, each result column summed over the points, and the engine's pv_net_cf total. */
    static Map<String, Object> summary(ModelProjection.Result r) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("model", r.model().name());
        s.put("model_points", r.points());
        s.put("scenario_count", r.scenarioIds().length);
        List<String> names = r.valueNames();
        double[][] sums = r.columnTotals();
        List<Map<String, Object>> scenarios = new java.util.ArrayList<>();
        for (int i = 0; i < sums.length; i++) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("scenario_id", r.scenarioIds()[i]);
            for (int k = 0; k < names.size(); k++) {
                t.put(names.get(k), sums[i][k]);
            }
            t.put("total_pv_net_cf", r.scenarioTotals()[i]);
            scenarios.add(t);
        }
        s.put("totals", r.stochastic() ? scenarios : scenarios.get(0));
        s.put("execution_time_ms", r.executionTimeMs());
        s.put("engine", r.report());
        return s;
    }
}
