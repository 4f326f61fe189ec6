package io.livecalc.engines.esg;

import io.livecalc.api.BufferType;
import io.livecalc.api.ConfigProblem;
import io.livecalc.api.ConfigurationException;
import io.livecalc.api.EngineConfig;
import io.livecalc.engines.internal.ConfigProblems;
import io.livecalc.engines.scenario.GbmScenarioGenerator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The validated configuration of an {@link EsgEngine}. {@link #parse} reads every key and reports every
 * problem at once, in one {@link ConfigurationException} naming each key at fault.
 */
final class EsgSettings {

    /**
     * {@code assumptions_version} is the original ESG's version of its AM table {@code yield-curve-parameters}:
     * accepted (a string), but the nested model's outer paths are the original's built-in ones, which the
     * original itself uses whenever no Assumptions Manager client is available.
     */
    static final Set<String> COMMON_KEYS = Set.of("model", "esg_model", "projection_years", "seed", "threads", "assumptions_version");
    /** The original ESG's {@code esg_model} values: it generates its nested outer/inner paths for both. */
    static final Set<String> ORIGINAL_ESG_MODELS = Set.of("vasicek", "cir");
    static final Set<String> ALL_KEYS;

    /** Limits of the original Python ESG for the nested model. */
    static final int MIN_OUTER = 3, MAX_OUTER = NestedOuterPaths.COUNT, MIN_INNER = 100, MAX_INNER = 10_000, MAX_NESTED_YEARS = 100;
    /** The original ESG's defaults, used when it is configured with its own esg_model key ('vasicek' or 'cir'). */
    static final int ORIGINAL_OUTER = 3, ORIGINAL_INNER = 1000;
    /** Years and steps per year accepted by the other models. */
    static final int MAX_YEARS = 1000, MAX_STEPS_PER_YEAR = 10_000;

    static {
        Set<String> all = new TreeSet<>(COMMON_KEYS);
        for (EsgModel m : EsgModel.values()) {
            all.addAll(m.modelKeys());
        }
        ALL_KEYS = Set.copyOf(all);
    }

    final String engineId;
    final EsgModel model;
    final double initialRate;
    final double meanReversion;
    final double longTermRate;
    final double volatility;
    final double drift;
    final double minRate;
    final double maxRate;
    /** The {@code curve} reference (file path, {@code local://} or {@code assumptions://}); hull_white only. */
    final String curveReference;
    final int scenarios;
    final int outer;
    final int inner;
    final long idStride;
    final int years;
    final int stepsPerYear;
    final long seed;
    final int threads;

    private EsgSettings(Reader r) {
        engineId = r.config.engineId();
        model = r.model;
        initialRate = r.initialRate;
        meanReversion = r.meanReversion;
        longTermRate = r.longTermRate;
        volatility = r.volatility;
        drift = r.drift;
        minRate = r.minRate;
        maxRate = r.maxRate;
        curveReference = r.curveReference;
        scenarios = r.scenarios;
        outer = r.outer;
        inner = r.inner;
        idStride = r.idStride;
        years = r.years;
        stepsPerYear = r.stepsPerYear;
        seed = r.seed;
        threads = r.threads;
    }

    /**
     * @throws ConfigurationException listing every problem of {@code config}, each naming its key
     */
    static EsgSettings parse(EngineConfig config) {
        Reader r = new Reader(config);
        r.read();
        r.problems.throwIfAny();
        return new EsgSettings(r);
    }

    /** Every problem of {@code config}, without throwing. */
    static List<ConfigProblem> check(EngineConfig config) {
        Reader r = new Reader(config);
        r.read();
        return r.problems.list();
    }

    /** Scenario records the run writes: scenarios x years. */
    long records() {
        return (long) scenarios * years;
    }

    /** The scenario id of the path at {@code ordinal} (0-based, output order). */
    long scenarioId(int ordinal) {
        return model == EsgModel.NESTED ? (ordinal / inner) * idStride + ordinal % inner : ordinal;
    }

    /**
     * The id stride of nested runs: {@code max(1000, smallest power of 10 >= inner)}. Inner ids are
     * {@code 0..inner-1}, so no two paths share an id, and runs of up to 1000 inner paths keep the original
     * ids {@code outer * 1000 + inner}.
     */
    static long idStride(long inner) {
        long stride = 1000;
        while (stride < inner) {
            stride *= 10;
        }
        return stride;
    }

    GbmScenarioGenerator.Parameters gbmParameters() {
        return new GbmScenarioGenerator.Parameters(scenarios, seed, initialRate, drift, volatility, minRate, maxRate);
    }

    /** Reads the keys, collecting problems instead of failing on the first. */
    private static final class Reader {
        final EngineConfig config;
        final ConfigProblems problems;
        EsgModel model;
        double initialRate, meanReversion, longTermRate, volatility, drift, minRate, maxRate;
        String curveReference;
        int scenarios, outer = 1, inner = 1, years, stepsPerYear = 1, threads;
        long idStride = 1, seed;
        /** The model came from the original's esg_model: its defaults apply too. */
        boolean originalDefaults;

        Reader(EngineConfig config) {
            this.config = config;
            this.problems = new ConfigProblems(config);
        }

        void read() {
            Set<String> unknown = new TreeSet<>(config.keys());
            unknown.removeAll(ALL_KEYS);
            for (String k : unknown) {
                problems.add(ConfigProblem.unknownKey(k, ALL_KEYS));
            }
            problems.get(() -> config.getString("assumptions_version", "latest"), "latest");
            model = readModel();
            if (model == null) {
                return;
            }
            Set<String> foreign = new LinkedHashSet<>(config.keys());
            foreign.removeAll(COMMON_KEYS);
            foreign.removeAll(model.modelKeys());
            foreign.removeAll(unknown);
            for (String k : new TreeSet<>(foreign)) {
                problems.add("config key '" + k + "' does not apply to model '" + model.configName() + "' (its keys: "
                        + new TreeSet<>(model.modelKeys()) + " and " + new TreeSet<>(COMMON_KEYS) + ")");
            }
            seed = problems.get(() -> config.getLong("seed", 42L), 42L);
            threads = problems.get(() -> config.getInt("threads", Runtime.getRuntime().availableProcessors()), 1);
            if (threads < 1 || threads > 1024) {
                problems.add("config key 'threads' = " + threads + " must be in 1..1024");
            }
            switch (model) {
                case VASICEK, CIR -> {
                    initialRate = number("initial_rate", 0.03);
                    meanReversion = positiveNumber("mean_reversion", 0.10);
                    longTermRate = number("long_term_rate", 0.05);
                    volatility = volatility(model == EsgModel.CIR ? 0.05 : 0.01);
                    readPathsAndSteps();
                    if (model == EsgModel.CIR && initialRate < 0) {
                        problems.add("config key 'initial_rate' = " + initialRate + " must be >= 0 for model 'cir'");
                    }
                    if (model == EsgModel.CIR && longTermRate < 0) {
                        problems.add("config key 'long_term_rate' = " + longTermRate + " must be >= 0 for model 'cir'");
                    }
                }
                case HULL_WHITE -> {
                    meanReversion = positiveNumber("mean_reversion", 0.10);
                    volatility = volatility(0.01);
                    curveReference = problems.get(() -> config.getString("curve"), null);
                    if (curveReference != null && curveReference.isBlank()) {
                        problems.add("config key 'curve' is blank; expected a zero curve file or an assumptions:// table");
                    } else if (curveReference != null && !io.livecalc.am.AssumptionReference.isReference(curveReference)) {
                        Path file = io.livecalc.engines.assumptions.AssumptionResolver.create(config, null, null).path(curveReference);
                        if (!Files.isRegularFile(file)) {
                            problems.add("config key 'curve': zero curve file not found: " + file);
                        }
                    }
                    readPathsAndSteps();
                }
                case GBM -> {
                    GbmScenarioGenerator.Parameters d = GbmScenarioGenerator.Parameters.orchestratorDefaults();
                    initialRate = number("initial_rate", d.initialRate());
                    drift = number("drift", d.drift());
                    volatility = volatility(d.volatility());
                    minRate = number("min_rate", d.minRate());
                    maxRate = number("max_rate", d.maxRate());
                    scenarios = count("num_scenarios", 1000, 1, Integer.MAX_VALUE);
                    years = count("projection_years", GbmScenarioGenerator.YEARS, 1, GbmScenarioGenerator.YEARS);
                    if (!(minRate <= maxRate)) {
                        problems.add("config keys 'min_rate' = " + minRate + " and 'max_rate' = " + maxRate + ": min_rate must not exceed max_rate");
                    }
                    if (minRate <= -1) {
                        problems.add("config key 'min_rate' = " + minRate + " must be above -1");
                    }
                }
                case NESTED -> {
                    initialRate = number("initial_rate", 0.03);
                    drift = number("drift", 0.0);
                    meanReversion = number("mean_reversion", 0.1);
                    volatility = volatility(0.01);
                    outer = count("outer_paths", originalDefaults ? ORIGINAL_OUTER : NestedOuterPaths.COUNT, MIN_OUTER, MAX_OUTER);
                    inner = count("inner_paths_per_outer", originalDefaults ? ORIGINAL_INNER : 100, MIN_INNER, MAX_INNER);
                    years = count("projection_years", 50, 1, MAX_NESTED_YEARS);
                    idStride = idStride(inner);
                    long maxId = (outer - 1L) * idStride + inner - 1;
                    if (maxId > 0xFFFF_FFFFL) {
                        problems.add("config keys 'outer_paths' = " + outer + " and 'inner_paths_per_outer' = " + inner
                                + ": the largest scenario id " + outer + "-1 x " + idStride + " + " + inner + "-1 = " + maxId
                                + " does not fit the u32 scenario_id (max 4294967295)");
                    }
                    scenarios = outer * inner;
                }
            }
            long records = (long) scenarios * years;
            if (scenarios > 0 && years > 0 && records > BufferType.SCENARIO.maxRecords()) {
                problems.add(scenarios + " scenarios x " + years + " years = " + records + " SCENARIO records exceed the limit of "
                        + BufferType.SCENARIO.maxRecords() + " per buffer (config keys '"
                        + (model == EsgModel.NESTED ? "outer_paths', 'inner_paths_per_outer'" : "num_scenarios'")
                        + " and 'projection_years')");
            }
        }

        private EsgModel readModel() {
            String a = problems.get(() -> config.getString("model", null), null);
            String b = problems.get(() -> config.getString("esg_model", null), null);
            if (b != null && ORIGINAL_ESG_MODELS.contains(b.trim().toLowerCase(java.util.Locale.ROOT))) {
                b = EsgModel.NESTED.configName(); // the original's meaning: its outer/inner paths, whatever it names
                originalDefaults = true;
            }
            if (a != null && b != null && !a.trim().equalsIgnoreCase(b.trim())) {
                problems.add("config keys 'model' = \"" + a + "\" and 'esg_model' = \"" + config.getString("esg_model")
                        + "\" disagree (esg_model 'vasicek' or 'cir' is the original ESG's nested model); give one");
                return null;
            }
            String name = a != null ? a : b;
            String key = a != null ? "model" : "esg_model";
            if (name == null) {
                if (!config.contains("model") && !config.contains("esg_model")) {
                    problems.add("missing config key 'model' (alias 'esg_model'): one of " + EsgModel.configNames());
                }
                return null;
            }
            EsgModel m = EsgModel.byConfigName(name).orElse(null);
            if (m == null) {
                problems.add("config key '" + key + "' = \"" + name + "\" is not a known model; known: " + EsgModel.configNames());
            }
            return m;
        }

        private void readPathsAndSteps() {
            scenarios = count("num_scenarios", 1000, 1, Integer.MAX_VALUE);
            years = count("projection_years", 50, 1, MAX_YEARS);
            double dt = number("dt", 1.0);
            double steps = 1.0 / dt;
            long rounded = Math.round(steps);
            if (!(dt > 0 && dt <= 1) || rounded > MAX_STEPS_PER_YEAR || Math.abs(steps - rounded) > 1e-9 * steps) {
                problems.add("config key 'dt' = " + dt + " must be 1/n of a year for a whole n in 1.." + MAX_STEPS_PER_YEAR
                        + " (e.g. 1, 0.25, 0.0833333333333333)");
            } else {
                stepsPerYear = (int) rounded;
            }
        }

        private double number(String key, double defaultValue) {
            return problems.get(() -> config.getDouble(key, defaultValue), defaultValue);
        }

        private double positiveNumber(String key, double defaultValue) {
            double v = number(key, defaultValue);
            if (!(v > 0)) {
                problems.add("config key '" + key + "' = " + v + " must be > 0");
            }
            return v;
        }

        private double volatility(double defaultValue) {
            double v = number("volatility", defaultValue);
            if (v < 0) {
                problems.add("config key 'volatility' = " + v + " must not be negative");
            }
            return v;
        }

        private int count(String key, int defaultValue, int min, int max) {
            int v = problems.get(() -> config.getInt(key, defaultValue), defaultValue);
            if (v < min || v > max) {
                problems.add("config key '" + key + "' = " + v + " is out of range " + min + ".." + max
                        + (model == EsgModel.NESTED ? " (the original ESG's limits)" : ""));
            }
            return v;
        }
    }
}
