package io.livecalc.engines.projection.internal;

import io.livecalc.am.AssumptionReference;
import io.livecalc.api.CalcEngineException;
import io.livecalc.api.ConfigProblem;
import io.livecalc.api.EngineConfig;
import io.livecalc.engines.assumptions.AssumptionResolver;
import io.livecalc.engines.assumptions.AssumptionSource;
import io.livecalc.engines.assumptions.ExpenseAssumptions;
import io.livecalc.engines.assumptions.LapseTable;
import io.livecalc.engines.assumptions.MortalityTable;
import io.livecalc.engines.internal.ConfigProblems;
import io.livecalc.engines.scenario.GbmScenarioGenerator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The checks of a {@link io.livecalc.engines.projection.ProjectionEngine} configuration, all of them at once, without creating an engine:
 * keys, types, ranges, the keys that need each other, and the assumption files named (read and parsed, so
 * that a bad table is found before any engine starts). {@code initialize} runs the same checks.
 */
public final class ProjectionConfig {

    /**
     * {@code projection_years} is the original C++ projection wrapper's horizon (default 50, 1..100): accepted
     * and checked as there, but the annual model projects each policy to its term, as the original model did.
     */
    static final Set<String> KEYS = Set.of("mortality_table", "lapse_table", "expenses", "premium_rate", "mortality_multiplier",
            "lapse_multiplier", "expense_multiplier", "threads", "num_scenarios", "seed", "initial_rate", "drift",
            "volatility", "min_rate", "max_rate", "dynamic_lapse_sensitivity", "dynamic_lapse_reference_rate",
            "accumulate_totals", "projection_years");

    static final List<String> TABLE_KEYS = List.of("mortality_table", "lapse_table", "expenses");

    private ProjectionConfig() {
    }

    /** The table type a table key takes as a value. */
    static Class<?> tableType(String key) {
        return switch (key) {
            case "mortality_table" -> MortalityTable.class;
            case "lapse_table" -> LapseTable.class;
            default -> ExpenseAssumptions.class;
        };
    }

    /** The table of {@code key}: the value itself when the configuration holds one, else what its reference resolves to. */
    public static <T> T table(EngineConfig config, String key, Class<T> type, java.util.function.Function<String, T> resolve) {
        Object value = config.find(key).orElse(null);
        return type.isInstance(value) ? type.cast(value) : resolve.apply(config.getString(key));
    }

    /**
     * @param readFiles whether to read the local assumption files the tables name (false when the engine
     *                  was given its own {@link AssumptionSource}: references are then not file names)
     */
    public static List<ConfigProblem> check(EngineConfig config, boolean readFiles) {
        ConfigProblems problems = new ConfigProblems(config);
        config.unknownKeys(KEYS).forEach(problems::add);
        for (String key : List.of("mortality_multiplier", "lapse_multiplier", "expense_multiplier", "premium_rate")) {
            double v = problems.get(() -> config.getDouble(key, 1.0), 1.0);
            if (!(v > 0)) {
                problems.add("config key '" + key + "' = " + v + " must be > 0");
            }
        }
        int threads = problems.get(() -> config.getInt("threads", 1), 1);
        if (threads < 1 || threads > 1024) {
            problems.add("config key 'threads' = " + threads + " must be in 1..1024");
        }
        int years = problems.get(() -> config.getInt("projection_years", 50), 50);
        if (years < 1 || years > 100) {
            problems.add("config key 'projection_years' = " + years + " must be in 1..100 (the original projection's range)");
        }
        GbmScenarioGenerator.Parameters d = GbmScenarioGenerator.Parameters.orchestratorDefaults();
        int count = problems.get(() -> config.getInt("num_scenarios", d.count()), d.count());
        long seed = problems.get(() -> config.getLong("seed", d.seed()), d.seed());
        double[] rates = new double[5];
        String[] rateKeys = {"initial_rate", "drift", "volatility", "min_rate", "max_rate"};
        double[] defaults = {d.initialRate(), d.drift(), d.volatility(), d.minRate(), d.maxRate()};
        boolean ratesRead = true;
        for (int k = 0; k < rateKeys.length; k++) {
            String key = rateKeys[k];
            double def = defaults[k];
            Double v = problems.get(() -> config.getDouble(key, def), null);
            ratesRead &= v != null;
            rates[k] = v == null ? def : v;
        }
        if (ratesRead) {
            try {
                new GbmScenarioGenerator.Parameters(count, seed, rates[0], rates[1], rates[2], rates[3], rates[4]);
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(null, e.getMessage()));
            }
        }
        if (config.contains("dynamic_lapse_sensitivity")) {
            problems.get(() -> config.getDouble("dynamic_lapse_sensitivity"), 0.0);
            problems.get(() -> config.getDouble("dynamic_lapse_reference_rate", 0.0), 0.0);
        } else if (config.contains("dynamic_lapse_reference_rate")) {
            problems.add("config key 'dynamic_lapse_reference_rate' needs 'dynamic_lapse_sensitivity'");
        }
        problems.get(() -> config.getBoolean("accumulate_totals", false), false);
        AssumptionSource files = AssumptionSource.files(config.baseDirectory());
        for (String key : TABLE_KEYS) {
            Object value = config.find(key).orElse(null);
            Class<?> type = tableType(key);
            if (type.isInstance(value)) {
                continue; // a table given as a value was checked when it was made
            }
            if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                problems.add(new ConfigProblem(key, "config key '" + key + "' holds a " + value.getClass().getSimpleName() + "; expected a "
                        + type.getSimpleName() + " or a reference (a file, or assumptions://name:version)"));
                continue;
            }
            String reference = problems.get(() -> config.getString(key), null);
            if (reference == null) {
                continue;
            }
            try {
                if (AssumptionReference.isReference(reference)) {
                    AssumptionReference.parse(reference);
                } else if (readFiles) {
                    String file = reference.regionMatches(true, 0, AssumptionResolver.LOCAL, 0, AssumptionResolver.LOCAL.length())
                            ? reference.substring(AssumptionResolver.LOCAL.length()) : reference;
                    Consumer<String> read = switch (key) {
                        case "mortality_table" -> files::mortality;
                        case "lapse_table" -> files::lapse;
                        default -> files::expenses;
                    };
                    read.accept(file);
                }
            } catch (CalcEngineException | IllegalArgumentException e) {
                problems.add(new ConfigProblem(key, "config key '" + key + "' = \"" + reference + "\": " + e.getMessage()));
            }
        }
        return problems.list();
    }
}
